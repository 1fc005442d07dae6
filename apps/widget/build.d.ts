/** Where the built bundles are: widget.js and frame.js. */
export declare const WIDGET_DIST: string;
/** True when dist/ is missing a bundle or older than a source. */
export declare function widgetIsStale(): boolean;
export declare function buildWidget(): Promise<void>;

/** Where the built web app is. */
export declare const WEB_DIST: string;
/** True when dist/ is missing or older than a source. */
export declare function webIsStale(): boolean;
/** Builds the web app with Vite. */
export declare function buildWeb(): Promise<void>;

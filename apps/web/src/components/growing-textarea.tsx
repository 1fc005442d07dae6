import { Textarea, type TextareaProps } from "@mantine/core";
import { forwardRef, type CSSProperties } from "react";
import classes from "./growing-textarea.module.css";

type Props = Omit<TextareaProps, "autosize" | "minRows" | "maxRows" | "style"> & { minRows?: number; maxRows?: number };

/**
 * A text area that grows with its text from `minRows` to `maxRows` lines, sized by the browser
 * (CSS `field-sizing`) rather than measured in JavaScript: measuring forced a layout each time one
 * was drawn (~40 ms of opening a conversation). Where a browser cannot, it keeps `minRows` and scrolls.
 */
export const GrowingTextarea = forwardRef<HTMLTextAreaElement, Props>(function GrowingTextarea({ minRows = 2, maxRows = 8, ...props }, ref) {
  const rows = { "--min-rows": minRows, "--max-rows": maxRows } as CSSProperties;
  return <Textarea ref={ref} rows={minRows} {...props} classNames={{ input: classes.input }} style={rows} />;
});

import type { Editor } from "@tiptap/react";
import { INLINE_PICTURE_TYPES } from "@atende/shared";
import { useEffect, useRef, useState } from "react";
import { uploadFile } from "../../api/uploads.js";
import { showError } from "../../api/errors.js";

/** The pictures among pasted or dropped files. */
function picturesIn(files: FileList | null | undefined): File[] {
  return [...(files ?? [])].filter((f) => INLINE_PICTURE_TYPES.includes(f.type));
}

/**
 * The editor's handlers for pictures pasted or dropped into the text: they go to `insert` (read
 * when the event comes, so the editor made on the first render reaches the current one); anything
 * else is left to the editor.
 */
export function pictureDropHandlers(insert: { current: (files: File[]) => void }) {
  const take = (files: FileList | null | undefined) => {
    const pictures = picturesIn(files);
    if (pictures.length > 0) insert.current(pictures);
    return pictures.length > 0;
  };
  return {
    handlePaste: (_view: unknown, event: ClipboardEvent) => take(event.clipboardData?.files),
    handleDrop: (_view: unknown, event: DragEvent) => take(event.dataTransfer?.files),
  };
}

/**
 * Pictures in a formatted e-mail: each is uploaded when it is inserted (chosen, pasted or dropped)
 * and shown from the browser's copy; on sending, the text refers to them as the message's files
 * (`cid:0` is the first), which the server sends as inline parts of the mail.
 */
export function useInlinePictures() {
  const tokens = useRef(new Map<string, string>()); // the browser's address of a picture → its upload token
  const [uploading, setUploading] = useState(false);
  useEffect(() => {
    const held = tokens.current;
    return () => {
      for (const url of held.keys()) URL.revokeObjectURL(url);
    };
  }, []);
  const insert = async (editor: Editor, files: File[]) => {
    setUploading(true);
    try {
      for (const file of files) {
        const { token } = await uploadFile(file);
        const url = URL.createObjectURL(file);
        tokens.current.set(url, token);
        editor.chain().focus().setImage({ src: url, alt: file.name }).run();
      }
    } catch (error) {
      showError(error);
    } finally {
      setUploading(false);
    }
  };
  /** The editor's HTML with its pictures as references to the message's files, and those files. */
  const resolve = (html: string): { html: string; attachments: string[] } => {
    const attachments: string[] = [];
    const resolved = html.replace(/src="(blob:[^"]+)"/g, (whole, url: string) => {
      const token = tokens.current.get(url);
      if (!token) return whole;
      const known = attachments.indexOf(token);
      return `src="cid:${String(known >= 0 ? known : attachments.push(token) - 1)}"`;
    });
    return { html: resolved, attachments };
  };
  return { insert, resolve, uploading };
}

import type { Editor } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import { uploadFile } from "../../api/uploads.js";
import { showError } from "../../api/errors.js";

/** The pictures an e-mail can show in its text, as mail programs show them. */
export const INLINE_PICTURE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/** The pictures among pasted or dropped files. */
export function picturesIn(files: FileList | null | undefined): File[] {
  return [...(files ?? [])].filter((f) => INLINE_PICTURE_TYPES.includes(f.type));
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

import { nameAndAddress } from "@atende/shared";
import { useSyncExternalStore } from "react";

/** Where this browser keeps the senders whose mail may load its pictures at once. */
const KEY = "atende.images.trusted";
const listeners = new Set<() => void>();

function read(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

let trusted = read();

/** The bare address in a From header (`Ana <ana@x.example>` → `ana@x.example`), lower case. */
export function addressOf(from: string): string {
  return nameAndAddress(from).email.toLowerCase();
}

/** Loads this sender's pictures from now on, in every conversation (in this browser). */
export function trustSender(address: string): void {
  if (trusted.includes(address)) return;
  trusted = [...trusted, address];
  localStorage.setItem(KEY, JSON.stringify(trusted));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the agent chose to always see this sender's pictures. */
export function useTrustedSender(address: string | null): boolean {
  const list = useSyncExternalStore(subscribe, () => trusted);
  return address !== null && list.includes(address);
}

/** The HTML with its held-back pictures (`data-remote-src`, set by the server) loading. */
export function withRemoteImages(html: string): string {
  return html.replace(/data-remote-src="/g, 'src="');
}

/** Whether the HTML holds pictures that were held back. */
export const hasRemoteImages = (html: string): boolean => html.includes('data-remote-src="');

import Bowser from "bowser";
import type { VisitDto } from "@atende/shared";

const DEVICES = ["desktop", "mobile", "tablet"] as const;

/** The browser and kind of device a visitor chats from, read from its User-Agent (e.g. "Safari 17 · iOS 17.5", mobile). */
export function describeUserAgent(userAgent: string | null): Pick<VisitDto, "browser" | "device"> {
  if (!userAgent) return { browser: null, device: null };
  const { browser, os, platform } = Bowser.parse(userAgent);
  const major = browser.version?.split(".")[0];
  const parts = [browser.name && [browser.name, major].filter(Boolean).join(" "), os.name && [os.name, os.version].filter(Boolean).join(" ")].filter(Boolean);
  const device = DEVICES.find((d) => d === platform.type) ?? null;
  return { browser: parts.length > 0 ? parts.join(" · ") : null, device };
}

import { currentLocale, i18n } from "./i18n.js";
import type { MailFailure } from "@atende/shared";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/**
 * One formatter per language and options, made once: making an Intl formatter costs far more than
 * using it, and a list formats a time on every row.
 */
const formatters = new Map<string, Intl.RelativeTimeFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.RelativeTimeFormat | Intl.DateTimeFormat>(name: string, make: (locale: string) => F): F {
  const locale = currentLocale();
  const key = `${name} ${locale}`;
  let found = formatters.get(key) as F | undefined;
  if (!found) {
    found = make(locale);
    formatters.set(key, found);
  }
  return found;
}

/** "5 minutes ago", "před 5 minutami", "há 5 minutos": the largest whole unit. */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const format = cached("relative", (locale) => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, "minute");
}

/**
 * A short duration: "5 min", "3 h", "2 d", for how long a customer waits. From the app's own texts:
 * the first unit format Intl makes loads data that costs a list's first render ~50 ms.
 */
export function shortDuration(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return i18n.t("durations.minutes", { count: minutes });
  if (minutes < 48 * 60) return i18n.t("durations.hours", { count: Math.round(minutes / 60) });
  return i18n.t("durations.days", { count: Math.round(minutes / 1440) });
}

/** A date and time in the app's language. */
export function dateTime(iso: string): string {
  return cached("date-time", (locale) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" })).format(new Date(iso));
}

/** The time now where a visitor is ("14:05"), or null for a time zone this browser does not know. */
export function localTimeIn(timeZone: string, now = new Date()): string | null {
  try {
    return new Intl.DateTimeFormat(currentLocale(), { timeStyle: "short", timeZone }).format(now);
  } catch {
    return null; // reported by a browser with a newer time-zone database, or before names were checked
  }
}

/**
 * Why mail could not go or come, in the agent's language: the reason, with the server's own answer
 * for a refusal; a failure stored before there were reasons, as its text.
 */
export function mailFailureText(failure: MailFailure | null, text: string): string {
  return failure ? i18n.t(`mailFailure.${failure}`, { answer: text }) : text;
}

/** Mail that no person wrote: out-of-office and other auto-replies, delivery reports, list traffic. */
export type Automated = "auto-reply" | "bounce" | "list";

type Headers = { get(name: string): unknown };

function header(headers: Headers, name: string): string {
  const value = headers.get(name);
  if (typeof value === "string") return value.toLowerCase();
  if (value && typeof value === "object" && "value" in value && typeof value.value === "string") {
    return value.value.toLowerCase(); // structured headers (Content-Type) keep their main value here
  }
  return "";
}

/**
 * Recognises machine-sent mail by its headers (RFC 3834 Auto-Submitted, the X-Autoreply and
 * X-Autorespond conventions, Precedence, List-Id, multipart/report), so that it never reopens a
 * conversation nor starts the customer's wait, and a bounce can mark what it bounced. Microsoft's
 * X-Auto-Response-Suppress is not read: it asks others not to answer, and Outlook puts it on
 * people's own mail too (Exchange's automatic replies also carry Auto-Submitted).
 */
export function classifyAutomated(headers: Headers, from: string | null): Automated | null {
  const contentType = header(headers, "content-type");
  const sender = (from ?? "").toLowerCase();
  if (contentType.startsWith("multipart/report") || /^(mailer-daemon|postmaster)@/.test(sender)) return "bounce";
  const autoSubmitted = header(headers, "auto-submitted");
  if ((autoSubmitted && autoSubmitted !== "no") || header(headers, "x-autoreply") || header(headers, "x-autorespond")) {
    return "auto-reply";
  }
  const precedence = header(headers, "precedence");
  if (precedence === "auto_reply") return "auto-reply";
  if (["bulk", "junk", "list"].includes(precedence) || header(headers, "list-id")) return "list";
  return null;
}

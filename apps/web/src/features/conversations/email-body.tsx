import { Anchor, Box, Text, useComputedColorScheme } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MessageDto } from "@atende/shared";

/** The sanitized HTML with its inline images (`data-cid`) pointing at their files, and links opening outside. */
function document(m: MessageDto, html: string, dark: boolean): string {
  const byCid = new Map(m.attachments.filter((a) => a.contentId).map((a) => [a.contentId?.toLowerCase(), a.id]));
  const withImages = html.replace(/data-cid="([^"]*)"/g, (whole, cid: string) => {
    const id = byCid.get(cid.toLowerCase());
    return id ? `src="/api/v1/attachments/${id}"` : whole;
  });
  const colors = dark ? "color:#c9c9c9;background:#242424" : "color:#1c2128;background:#fff";
  return `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>body{margin:0;font:14px/1.45 system-ui,sans-serif;${colors};overflow-wrap:anywhere}img{max-width:100%;height:auto}</style></head><body>${withImages}</body></html>`;
}

/**
 * An e-mail's body: its HTML (already sanitized by the server) in a frame where nothing can run,
 * sized to its content; the quoted history folded below it.
 */
export function EmailBody({ message: m }: { message: MessageDto }) {
  const { t } = useTranslation();
  const dark = useComputedColorScheme("light") === "dark";
  const [quoted, setQuoted] = useState(false);
  const html = m.email?.html;
  return (
    <>
      {html ? (
        <Box
          component="iframe"
          title={m.sender?.name ?? t("channels.email")}
          sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
          srcDoc={document(m, html, dark)}
          w="100%"
          style={{ border: 0, display: "block", minWidth: 320 }}
          onLoad={(e) => {
            const frame = e.currentTarget;
            frame.style.height = `${String(frame.contentDocument?.documentElement.scrollHeight ?? 200)}px`;
          }}
        />
      ) : (
        <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {m.body}
        </Text>
      )}
      {m.email?.quoted && (
        <>
          <Anchor component="button" type="button" size="xs" onClick={() => { setQuoted(!quoted); }} aria-expanded={quoted}>
            {t("conversation.quoted")}
          </Anchor>
          {quoted && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {m.email.quoted}
            </Text>
          )}
        </>
      )}
    </>
  );
}

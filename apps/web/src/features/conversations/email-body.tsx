import { Anchor, Box, Button, Group, Text, useComputedColorScheme } from "@mantine/core";
import { IconPhoto } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MessageDto } from "@atende/shared";
import { TextWithLinks } from "../../components/text-with-links.js";
import { addressOf, hasRemoteImages, trustSender, useTrustedSender, withRemoteImages } from "./remote-images.js";

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
 * sized to its content; the quoted history folded below it. Pictures from the internet load only
 * when the agent asks (they can tell the sender that the mail was opened), for this message or
 * always for this sender.
 */
export function EmailBody({ message: m }: { message: MessageDto }) {
  const { t } = useTranslation();
  const dark = useComputedColorScheme("light") === "dark";
  const [quoted, setQuoted] = useState(false);
  const sender = m.direction === "incoming" && m.email?.from ? addressOf(m.email.from) : null;
  const trusted = useTrustedSender(sender);
  const [shown, setShown] = useState(false);
  const held = m.email?.html ?? null;
  const remote = held !== null && hasRemoteImages(held);
  const html = held !== null && remote && (shown || trusted) ? withRemoteImages(held) : held;
  return (
    <>
      {remote && !shown && !trusted && (
        <Group gap="xs" mb={6} wrap="wrap">
          <Text size="xs" c="dimmed">
            <IconPhoto size={12} aria-hidden style={{ verticalAlign: "middle" }} /> {t("conversation.imagesHeld")}
          </Text>
          <Button size="compact-xs" variant="light" onClick={() => { setShown(true); }}>
            {t("conversation.showImages")}
          </Button>
          {sender && (
            <Button size="compact-xs" variant="subtle" onClick={() => { trustSender(sender); }}>
              {t("conversation.alwaysShowImages", { sender })}
            </Button>
          )}
        </Group>
      )}
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
        <TextWithLinks text={m.body} />
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

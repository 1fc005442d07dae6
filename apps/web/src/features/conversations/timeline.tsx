import { Anchor, Avatar, Badge, Box, Button, Group, Image, Paper, Stack, Text } from "@mantine/core";
import { IconLock, IconPaperclip } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { describeActivity, type ContactSummary, type MessageDto } from "@atende/shared";
import { dateTime, mailFailureText, relativeTime } from "../../format.js";
import { currentLocale } from "../../i18n.js";
import { contactName } from "../contacts/contact-name.js";
import { EmailBody } from "./email-body.js";
import { useOlderMessages, useRetryDelivery, type LoadedTimeline } from "./queries.js";

/** Pictures shown as thumbnails in the timeline (other files, SVG included, as links). */
const PICTURES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** A reply that could not be delivered: why, in the agent's language (the server's own answer as it gave it), and sending it again. */
function DeliveryFailed({ message: m }: { message: MessageDto }) {
  const { t } = useTranslation();
  const retry = useRetryDelivery(m.conversationId);
  const reason = mailFailureText(m.deliveryFailure, m.deliveryError ?? "");
  return (
    <Stack gap={4} mt={4} align="flex-start">
      <Text size="xs" c="red" role="alert" style={{ overflowWrap: "anywhere" }}>
        {t("conversation.failed", { reason })}
      </Text>
      <Button size="compact-xs" variant="light" color="red" loading={retry.isPending} onClick={() => { retry.mutate(m.id); }} style={{ flexShrink: 0 }}>
        {t("conversation.retry")}
      </Button>
    </Stack>
  );
}

/** One message: the customer's on the left, the team's on the right, notes in yellow, activities as a line. */
function MessageItem({ message: m, contact }: { message: MessageDto; contact: ContactSummary | undefined }) {
  const { t } = useTranslation();
  // The customer as the conversation names them (a visitor without a name included); mail from
  // someone else in the thread (a colleague they copied, a stranger) by its own address.
  const otherSender = m.direction === "incoming" && m.email?.from && m.email.from !== contact?.email ? m.email.from : null;
  const named = m.senderType === "bot" ? t("conversation.attendant") : (m.sender?.name ?? "");
  const sender = otherSender ?? (m.senderType === "contact" && contact && !m.sender?.name ? contactName(contact, t) : named);
  if (m.kind === "activity") {
    return (
      <Text size="xs" c="dimmed" ta="center" py={4}>
        {m.activity ? describeActivity(m.activity, currentLocale()) : m.body} · <time dateTime={m.createdAt}>{relativeTime(m.createdAt)}</time>
      </Text>
    );
  }
  const mine = m.direction === "outgoing";
  const note = m.kind === "note";
  return (
    <Group justify={mine ? "flex-end" : "flex-start"} align="flex-end" gap="xs" wrap="nowrap">
      {!mine && <Avatar size="sm" name={sender || "?"} color="initials" aria-hidden />}
      <Paper
        withBorder
        p="sm"
        maw="75%"
        radius="md"
        bg={note ? "var(--mantine-color-yellow-light)" : mine ? "var(--mantine-primary-color-light)" : undefined}
        aria-label={note ? t("conversation.note") : undefined}
        data-kind={m.kind}
      >
        <Group gap={6} mb={4}>
          {note && <IconLock size={14} aria-hidden />}
          <Text size="xs" fw={600}>
            {note ? `${t("conversation.note")} · ` : ""}
            {sender}
          </Text>
          {m.email?.unknownSender && (
            <Badge size="xs" color="orange" variant="light" title={t("conversation.unknownSenderHelp")}>
              {t("conversation.unknownSender")}
            </Badge>
          )}
          <Text size="xs" c="dimmed" title={dateTime(m.createdAt)}>
            <time dateTime={m.createdAt}>{relativeTime(m.createdAt)}</time>
          </Text>
        </Group>
        <EmailBody message={m} />
        {m.attachments
          .filter((a) => a.disposition === "attachment")
          .map((a) =>
            PICTURES.has(a.contentType) ? (
              <Anchor key={a.id} href={`/api/v1/attachments/${a.id}`} target="_blank" rel="noopener" display="block" mt={4} title={a.fileName}>
                <Image src={`/api/v1/attachments/${a.id}`} alt={a.fileName} h={140} w="auto" maw="100%" fit="contain" radius="sm" loading="lazy" />
              </Anchor>
            ) : (
              <Anchor key={a.id} href={`/api/v1/attachments/${a.id}`} size="sm" display="flex" mt={4} target="_blank" rel="noopener">
                <IconPaperclip size={14} aria-hidden /> {a.fileName}
              </Anchor>
            ),
          )}
        {m.buttons && m.buttons.length > 0 && (
          <Text size="xs" c="dimmed" mt={4}>
            {t("conversation.offered", { choices: m.buttons.map((b) => b.label).join(" · ") })}
          </Text>
        )}
        {mine && m.deliveryStatus === "failed" && <DeliveryFailed message={m} />}
        {mine && m.kind === "reply" && m.deliveryStatus === "read" && (
          <Text size="xs" c="dimmed" ta="right">
            {t("conversation.seen")}
          </Text>
        )}
      </Paper>
    </Group>
  );
}

/**
 * Loads the page before the loaded messages when this comes into view (the agent scrolled to the
 * top), or on a click; says so when that failed, with a way to try again.
 */
function OlderMessages({ conversationId, cursor }: { conversationId: string; cursor: string }) {
  const { t } = useTranslation();
  const { mutate, isPending, isError } = useOlderMessages(conversationId);
  const here = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = here.current;
    if (!element || isError) return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isPending) mutate(cursor);
    });
    seen.observe(element);
    return () => {
      seen.disconnect();
    };
  }, [cursor, mutate, isPending, isError]);
  return (
    <Group ref={here} justify="center" gap="xs">
      {isError && (
        <Text size="xs" c="red" role="alert">
          {t("conversation.olderFailed")}
        </Text>
      )}
      <Button size="xs" variant="subtle" loading={isPending} onClick={() => { mutate(cursor); }}>
        {t("conversation.older")}
      </Button>
    </Group>
  );
}

/** The conversation's timeline, kept scrolled to the newest message as messages arrive; older pages load at its top. */
export function Timeline({ conversationId, timeline, contact }: { conversationId: string; timeline: LoadedTimeline; contact: ContactSummary | undefined }) {
  const end = useRef<HTMLDivElement>(null);
  const { messages, olderCursor } = timeline;
  const last = messages.at(-1)?.id;
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [last]);
  return (
    <Stack gap="sm" p="md" role="log" aria-live="polite">
      {olderCursor && <OlderMessages conversationId={conversationId} cursor={olderCursor} />}
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} contact={contact} />
      ))}
      <Box ref={end} />
    </Stack>
  );
}

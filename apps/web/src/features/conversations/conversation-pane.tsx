import { ActionIcon, Alert, Anchor, Badge, Box, Button, Collapse, Group, Menu, ScrollArea, Skeleton, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconAddressBook, IconArrowLeft, IconArrowMerge, IconDots, IconKeyboard, IconSelector } from "@tabler/icons-react";
import { Link } from "react-router";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { replyAllCopies } from "@atende/shared";
import { ApiError } from "../../api/client.js";
import { LoadError } from "../../components/load-error.js";
import { NotFound } from "../../components/not-found.js";
import { useRealtime, useTypingIn, useViewersOf } from "../../realtime/realtime-context.js";
import { contactName } from "../contacts/contact-name.js";
import { Composer, type ComposerMode } from "./composer.js";
import { useLayout } from "../../components/layout.js";
import { ConversationActions, useInboxes } from "./conversation-actions.js";
import { MergeConversation } from "./merge-conversation.js";
import { ResolveButton } from "./resolve-button.js";
import { markRead, useConversation, useMessages } from "./queries.js";
import { Timeline } from "./timeline.js";

type Props = {
  id: string;
  composerMode: ComposerMode;
  onComposerMode: (m: ComposerMode) => void;
  /** Back to the list, where the list is not beside the conversation (a phone). */
  onBack?: (() => void) | undefined;
  /** Opens the contact, where it is not beside the conversation (a tablet or a phone). */
  onContact?: (() => void) | undefined;
};

/** One conversation: who and what, its actions, its timeline and the composer. */
export function ConversationPane({ id, composerMode, onComposerMode, onBack, onContact }: Props) {
  const { t } = useTranslation();
  const conversation = useConversation(id);
  const messages = useMessages(id);
  const realtime = useRealtime();
  const typing = useTypingIn(id);
  const viewers = useViewersOf(id);
  const composer = useRef<HTMLTextAreaElement>(null);
  const [, setTick] = useState(0);
  const [merging, setMerging] = useState(false);
  const { phone } = useLayout();
  const [actionsShown, setActionsShown] = useState(false);
  const inboxes = useInboxes();
  // The customer's messages not yet read: opening the conversation reads them (and a chat visitor sees so).
  const unread = messages.data?.messages.filter((m) => m.direction === "incoming" && m.kind === "reply" && m.deliveryStatus !== "read").at(-1)?.id;
  useEffect(() => {
    if (unread) void markRead(id).catch(() => undefined); // a receipt that fails is not worth an error on screen
  }, [id, unread]);
  useEffect(() => {
    const timer = setInterval(() => {
      setTick((n) => n + 1); // typing indicators expire
    }, 4000);
    return () => {
      clearInterval(timer);
    };
  }, []);
  if (conversation.error instanceof ApiError && conversation.error.status === 404) return <NotFound what={t("notFound.conversation")} />;
  if (conversation.isError) return <LoadError error={conversation.error} onRetry={() => void conversation.refetch()} />;
  if (messages.isError) return <LoadError error={messages.error} onRetry={() => void messages.refetch()} />;
  const c = conversation.data;
  const who = c ? contactName(c.contact, t) : "";
  const inboxAddress = inboxes.data?.find((i) => i.id === c?.inboxId)?.address?.toLowerCase() ?? "";
  // The mail a reply answers, as the server chooses it: never a stranger's (mail from outside the
  // thread's people), whose addressees must not become the reply's copies.
  const lastMail = messages.data?.messages.findLast((m) => m.direction === "incoming" && m.kind === "reply" && m.email && !m.email.unknownSender);
  return (
    <Stack gap={0} h="100%" id="conversation">
      <Box p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        {c ? (
          <Stack gap="xs">
            <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap={4} wrap="nowrap" miw={0} align="flex-start">
                {onBack && (
                  <ActionIcon variant="subtle" size="lg" onClick={onBack} aria-label={t("conversation.back")}>
                    <IconArrowLeft size={20} aria-hidden />
                  </ActionIcon>
                )}
                <Title order={2} size="h4" style={{ overflowWrap: "anywhere" }} lineClamp={2} title={`${who}${c.subject ? ` — ${c.subject}` : ""}`}>
                  {who}
                  {c.subject ? ` — ${c.subject}` : ""}
                </Title>
              </Group>
              <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
                <Text size="sm" c="dimmed" visibleFrom="sm">
                  {t("conversation.number", { number: c.number })}
                </Text>
                {onContact && (
                  <Tooltip label={t("contact.title")}>
                    <ActionIcon variant="default" size="lg" onClick={onContact} aria-label={t("contact.title")}>
                      <IconAddressBook size={18} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                )}
                <Badge variant="light" color={c.status === "resolved" ? "green" : c.status === "snoozed" ? "grape" : "blue"}>
                  {t(`statuses.${c.status}`)}
                </Badge>
                {/* Merged: it is changed only through the conversation it went into (the alert below links there). */}
                {c.mergedIntoId === null && <ResolveButton conversation={c} />}
                <Menu position="bottom-end">
                  <Menu.Target>
                    <ActionIcon variant="default" size="lg" aria-label={t("conversation.more")}>
                      <IconDots size={18} aria-hidden />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item leftSection={<IconArrowMerge size={16} aria-hidden />} disabled={c.mergedIntoId !== null} onClick={() => { setMerging(true); }}>
                      {t("merge.open")}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Group>
            </Group>
            {c.mergedIntoId && (
              <Alert color="grape" variant="light" py={6} icon={<IconArrowMerge size={16} aria-hidden />} role="status">
                {t("merge.mergedInto")}{" "}
                <Anchor component={Link} to={`/conversations/${c.mergedIntoId}`} size="sm">
                  {t("merge.openTarget")}
                </Anchor>
              </Alert>
            )}
            {viewers.length > 0 && (
              <Badge variant="dot" color="orange" role="status" tt="none" style={{ alignSelf: "flex-start" }}>
                {t("conversation.viewing", { names: viewers.join(", ") })}
              </Badge>
            )}
            {c.mergedIntoId !== null ? null : phone ? (
              <>
                <Button
                  size="xs"
                  variant="subtle"
                  style={{ alignSelf: "flex-start" }}
                  rightSection={<IconSelector size={14} aria-hidden />}
                  aria-expanded={actionsShown}
                  onClick={() => { setActionsShown((shown) => !shown); }}
                >
                  {t("conversation.actions")}
                </Button>
                <Collapse expanded={actionsShown}>
                  <ConversationActions conversation={c} />
                </Collapse>
              </>
            ) : (
              <ConversationActions conversation={c} />
            )}
            {merging && <MergeConversation conversation={c} onClose={() => { setMerging(false); }} />}
          </Stack>
        ) : (
          <Skeleton height={64} />
        )}
      </Box>
      <ScrollArea style={{ flex: 1 }} type="auto">
        {messages.data ? (
          <Timeline conversationId={id} timeline={messages.data} contact={c?.contact} />
        ) : (
          <Stack p="md" gap="sm" aria-busy="true">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} height={60} width={i % 2 ? "60%" : "70%"} ml={i % 2 ? "auto" : 0} radius="md" />
            ))}
          </Stack>
        )}
      </ScrollArea>
      <Text size="xs" c="dimmed" px="md" pb={4} role="status" style={{ minHeight: 22 }}>
        {typing.customer.length > 0 && t("conversation.typing", { name: typing.customer.filter(Boolean).join(", ") || who })}
      </Text>
      {typing.teammates.length > 0 && (
        <Alert color="orange" variant="light" mx="md" mb="xs" py={6} icon={<IconKeyboard size={16} aria-hidden />} role="status">
          {t("conversation.collision", { name: typing.teammates.join(", ") })}
        </Alert>
      )}
      <Composer
        ref={composer}
        conversationId={id}
        mode={composerMode}
        onMode={onComposerMode}
        onTyping={(on) => {
          realtime.sendTyping(id, on);
        }}
        email={c?.channel === "email" && c.contact.email ? { to: c.contact.email, replyAll: replyAllCopies(lastMail?.email, inboxAddress, c.contact.email) } : undefined}
      />
    </Stack>
  );
}

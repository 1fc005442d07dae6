import { Box, Center, Drawer, Text } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { AppFrame } from "../../components/app-frame.js";
import { ErrorBoundary } from "../../components/error-boundary.js";
import { useLayout } from "../../components/layout.js";
import { useSignedIn } from "../auth/use-session.js";
import { BulkBar } from "./bulk-bar.js";
import type { ComposerMode } from "./composer.js";
import { ConversationList } from "./conversation-list.js";
import { useInboxParams } from "./inbox-params.js";
import { InboxNav } from "./inbox-nav.js";
import { snoozePresets } from "./snooze.js";
import { useConversation, useConversationList } from "./queries.js";
import { useUndoableChange } from "./undoable-change.js";
import { dateTime } from "../../format.js";
import { lazyExport, usePreloadWhenIdle } from "../web-feature.js";
import { Loading } from "../../components/loading.js";

// The open conversation and its contact are not on the first screen of the list: their code (the
// timeline, the composer, the contact's form) loads when one is opened, or as soon as the browser
// is idle, so that opening stays instant.
const loadPane = () => import("./conversation-pane.js");
const loadContact = () => import("../contacts/contact-panel.js");
const ConversationPane = lazyExport(loadPane, "ConversationPane");
const ContactPanel = lazyExport(loadContact, "ContactPanel");

const BORDER = "1px solid var(--mantine-color-default-border)";

/**
 * The shared inbox: views and filters, the list, the open conversation and its contact. On a phone
 * one pane at a time (the list, or the conversation with a way back); on a tablet the contact opens
 * as a drawer; on a desktop all three side by side.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const inbox = useInboxParams();
  const { id } = useParams();
  const navigate = useNavigate();
  const me = useSignedIn().agent;
  const { phone, wide } = useLayout();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [composerMode, setComposerMode] = useState<ComposerMode>("reply");
  const [contactOpen, setContactOpen] = useState(false);
  const rows = useConversationList(inbox.query).data?.pages.flatMap((p) => p.items) ?? [];
  const change = useUndoableChange();
  const open = useConversation(id ?? "");
  const step = (by: number) => {
    const at = rows.findIndex((r) => r.id === id);
    const next = rows[Math.min(rows.length - 1, Math.max(0, at + by))];
    if (next) void navigate(`/conversations/${next.id}?${inbox.search}`);
  };
  const focusComposer = (mode: ComposerMode) => {
    setComposerMode(mode);
    setTimeout(() => document.querySelector<HTMLTextAreaElement>("#conversation textarea")?.focus(), 0);
  };
  useHotkeys([
    ["j", () => { step(1); }],
    ["k", () => { step(-1); }],
    ["r", () => { focusComposer("reply"); }],
    ["n", () => { focusComposer("note"); }],
    ["a", () => { if (open.data) change(open.data, { assigneeId: me.id }, t("shortcuts.done.assigned")); }],
    ["e", () => { if (open.data) change(open.data, { status: "resolved" }, t("shortcuts.done.resolved")); }],
    [
      "s",
      () => {
        const until = snoozePresets().tomorrow.toISOString();
        if (open.data) change(open.data, { status: "snoozed", snoozedUntil: until }, t("shortcuts.done.snoozed", { until: dateTime(until) }));
      },
    ],
  ]);
  usePreloadWhenIdle(loadPane, loadContact);
  const contact = id && open.data ? <ContactPanel contactId={open.data.contact.id} conversationId={id} /> : null;
  return (
    <AppFrame navbar={<InboxNav inbox={inbox} />} skipTo={{ id: "main-content", label: t("app.skip") }} padding={0} mainStyle={{ display: "flex", height: "100dvh" }}>
      {!(phone && id) && (
        <Box w={phone ? "100%" : wide ? 380 : 320} miw={phone ? 0 : 280} style={{ borderRight: phone ? undefined : BORDER, display: "flex", flexDirection: "column", flexShrink: phone ? 1 : 0 }}>
          {selected.size > 0 && (
            <BulkBar
              selected={rows.filter((r) => selected.has(r.id))}
              onDone={() => {
                setSelected(new Set());
              }}
            />
          )}
          <Box style={{ flex: 1, minHeight: 0 }}>
            <ErrorBoundary>
              <ConversationList inbox={inbox} activeId={id} selected={selected} onSelect={setSelected} />
            </ErrorBoundary>
          </Box>
        </Box>
      )}
      {!(phone && !id) && (
        <Box style={{ flex: 1, minWidth: 0 }} component="section" id="main-content" tabIndex={-1}>
          <ErrorBoundary key={id}>
            <Suspense fallback={<Center h="100%"><Loading size="sm" /></Center>}>
              {id ? (
                <ConversationPane
                  key={id}
                  id={id}
                  composerMode={composerMode}
                  onComposerMode={setComposerMode}
                  onBack={phone ? () => void navigate(`/?${inbox.search}`) : undefined}
                  onContact={wide || !contact ? undefined : () => { setContactOpen(true); }}
                />
              ) : (
                <NoConversation />
              )}
            </Suspense>
          </ErrorBoundary>
        </Box>
      )}
      {contact && wide && (
        <Box w={320} style={{ borderLeft: BORDER, flexShrink: 0 }}>
          <ErrorBoundary>
            <Suspense>{contact}</Suspense>
          </ErrorBoundary>
        </Box>
      )}
      {contact && !wide && (
        <Drawer opened={contactOpen} onClose={() => { setContactOpen(false); }} position="right" title={t("contact.title")} size={phone ? "100%" : 360} padding={0}>
          <ErrorBoundary>
            <Suspense>{contact}</Suspense>
          </ErrorBoundary>
        </Drawer>
      )}
    </AppFrame>
  );
}

/** What the main area shows before a conversation is chosen. */
function NoConversation() {
  const { t } = useTranslation();
  return (
    <Center h="100%">
      <Text c="dimmed">{t("conversation.none")}</Text>
    </Center>
  );
}

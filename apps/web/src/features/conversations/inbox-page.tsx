import { AppShell, Box } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { AppHeader } from "../../components/app-header.js";
import { ShortcutsDialog } from "../../components/shortcuts-dialog.js";
import { ContactPanel } from "../contacts/contact-panel.js";
import { SearchDialog } from "../search/search-dialog.js";
import { useSignedIn } from "../auth/use-session.js";
import { BulkBar } from "./bulk-bar.js";
import type { ComposerMode } from "./composer.js";
import { ConversationList } from "./conversation-list.js";
import { ConversationPane, NoConversation } from "./conversation-pane.js";
import { useInboxParams } from "./inbox-params.js";
import { InboxNav } from "./inbox-nav.js";
import skip from "./skip-link.module.css";
import { snoozePresets } from "./snooze.js";
import { useConversation, useConversationList, useUpdateConversation } from "./queries.js";

/** The shared inbox: views and filters, the list, and the open conversation side by side. */
export function InboxPage() {
  const { t } = useTranslation();
  const inbox = useInboxParams();
  const { id } = useParams();
  const navigate = useNavigate();
  const me = useSignedIn().agent;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [composerMode, setComposerMode] = useState<ComposerMode>("reply");
  const rows = useConversationList(inbox.view, inbox.filters).data?.pages.flatMap((p) => p.items) ?? [];
  const update = useUpdateConversation();
  const open = useConversation(id ?? "");
  const [searching, setSearching] = useState(false);
  const [helping, setHelping] = useState(false);
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
    ["a", () => { if (id) update.mutate({ id, changes: { assigneeId: me.id } }); }],
    ["e", () => { if (id) update.mutate({ id, changes: { status: "resolved" } }); }],
    ["s", () => { if (id) update.mutate({ id, changes: { status: "snoozed", snoozedUntil: snoozePresets().tomorrow.toISOString() } }); }],
    ["/", () => { setSearching(true); }],
    ["shift+?", () => { setHelping(true); }],
  ]);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: "sm" }} padding={0}>
      <a href="#main-content" className={skip.skip}>
        {t("app.skip")}
      </a>
      <AppHeader
        onSearch={() => {
          setSearching(true);
        }}
        onHelp={() => {
          setHelping(true);
        }}
      />
      <SearchDialog
        opened={searching}
        onClose={() => {
          setSearching(false);
        }}
      />
      <ShortcutsDialog
        opened={helping}
        onClose={() => {
          setHelping(false);
        }}
      />
      <AppShell.Navbar p="xs">
        <InboxNav inbox={inbox} />
      </AppShell.Navbar>
      <AppShell.Main style={{ display: "flex", height: "100vh" }}>
        <Box w={380} miw={300} style={{ borderRight: "1px solid var(--mantine-color-default-border)", display: "flex", flexDirection: "column" }}>
          {selected.size > 0 && (
            <BulkBar
              selected={rows.filter((r) => selected.has(r.id))}
              onDone={() => {
                setSelected(new Set());
              }}
            />
          )}
          <Box style={{ flex: 1, minHeight: 0 }}>
            <ConversationList inbox={inbox} activeId={id} selected={selected} onSelect={setSelected} />
          </Box>
        </Box>
        <Box style={{ flex: 1, minWidth: 0 }} component="section" id="main-content" tabIndex={-1}>
          {id ? <ConversationPane key={id} id={id} composerMode={composerMode} onComposerMode={setComposerMode} /> : <NoConversation />}
        </Box>
        {id && open.data && (
          <Box w={320} visibleFrom="lg" style={{ borderLeft: "1px solid var(--mantine-color-default-border)" }}>
            <ContactPanel contactId={open.data.contact.id} conversationId={id} />
          </Box>
        )}
      </AppShell.Main>
    </AppShell>
  );
}

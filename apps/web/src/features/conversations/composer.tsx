import { Button, FileButton, Group, Paper, Pill, SegmentedControl, Text, UnstyledButton } from "@mantine/core";
import { useMergedRef } from "@mantine/hooks";
import { IconBook, IconPaperclip } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { forwardRef, Suspense, useRef, useState, type KeyboardEvent, type SyntheticEvent } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CannedResponseDto, RenderedCannedResponseDto, type UploadDto } from "@atende/shared";
import { api } from "../../api/client.js";
import { uploadFile } from "../../api/uploads.js";
import { useAgents } from "./conversation-actions.js";
import { useDraft } from "./draft.js";
import { ReplyCopies, type ChosenCopies } from "./reply-copies.js";
import { useSendMessage } from "./queries.js";
import { matches, replaceTrigger, triggerAt, type Trigger } from "./suggestions.js";
import { showError } from "../../api/errors.js";
import { GrowingTextarea } from "../../components/growing-textarea.js";
import { insertAtCaret } from "../knowledge-base/article-link.js";
import { lazyExport } from "../web-feature.js";

// Loaded when the agent first looks for an article to send.
const ArticlePicker = lazyExport(() => import("../knowledge-base/article-picker.js"), "ArticlePicker");

export type ComposerMode = "reply" | "note";
type Props = {
  conversationId: string;
  mode: ComposerMode;
  onMode: (mode: ComposerMode) => void;
  onTyping: (typing: boolean) => void;
  /** For an e-mail conversation: who a reply goes to, and who reply all copies. */
  email?: { to: string; replyAll: string[] } | undefined;
};
type Suggestion = { id: string; label: string; detail: string };

/**
 * Writes a reply to the customer or an internal note; Ctrl+Enter sends. `/` offers canned responses
 * (filled for this conversation), `@` in a note offers teammates to mention (they are told), and
 * the book button finds a help-center article to link. A failed send keeps the text and says why;
 * unsent text stays as the conversation's draft.
 */
export const Composer = forwardRef<HTMLTextAreaElement, Props>(function Composer({ conversationId, mode, onMode, onTyping, email }, ref) {
  const { t } = useTranslation();
  const { text, setText, clear } = useDraft(conversationId);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const textareaRef = useMergedRef(ref, textarea);
  const [pickingArticle, setPickingArticle] = useState(false);
  /** Puts "Title: address" of the article chosen where the caret was. */
  const insertArticle = (link: string) => {
    setPickingArticle(false);
    const el = textarea.current;
    const next = insertAtCaret(text, el ? el.selectionStart : text.length, link);
    setText(next.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };
  const [trigger, setTrigger] = useState<Trigger | null>(null);
  const [active, setActive] = useState(0);
  const [mentioned, setMentioned] = useState<Map<string, string>>(new Map()); // agent id → name
  const send = useSendMessage(conversationId);
  const [files, setFiles] = useState<UploadDto[]>([]);
  const [copies, setCopies] = useState<ChosenCopies>(null);
  const [uploading, setUploading] = useState(false);
  /** Uploads the chosen files at once; they go with the next message. */
  const attach = async (chosen: File[]) => {
    setUploading(true);
    try {
      for (const file of chosen) {
        const uploaded = await uploadFile(file);
        setFiles((current) => [...current, uploaded]);
      }
    } catch (error) {
      showError(error);
    } finally {
      setUploading(false);
    }
  };
  const canned = useQuery({ queryKey: ["canned-responses"], queryFn: () => api(z.array(CannedResponseDto), "/canned-responses"), staleTime: 60_000 });
  const agents = useAgents();
  const suggestions: Suggestion[] = !trigger
    ? []
    : trigger.kind === "canned"
      ? (canned.data ?? [])
          .filter((c) => matches(c.shortCode, trigger.query) || matches(c.title, trigger.query))
          .slice(0, 8)
          .map((c) => ({ id: c.id, label: `/${c.shortCode}`, detail: c.title }))
      : mode === "note"
        ? (agents.data ?? [])
            .filter((a) => a.active && matches(a.name, trigger.query))
            .slice(0, 8)
            .map((a) => ({ id: a.id, label: `@${a.name}`, detail: a.email }))
        : [];
  const track = (e: SyntheticEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget;
    setTrigger(triggerAt(el.value, el.selectionStart));
    setActive(0);
  };
  const put = (insert: string, el: HTMLTextAreaElement | null) => {
    if (!trigger) return;
    const next = replaceTrigger(text, trigger, insert);
    setText(next.text);
    setTrigger(null);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };
  const pick = async (s: Suggestion, el: HTMLTextAreaElement | null) => {
    if (trigger?.kind === "mention") {
      setMentioned(new Map(mentioned).set(s.id, s.label.slice(1)));
      put(`${s.label} `, el);
      return;
    }
    try {
      const rendered = await api(RenderedCannedResponseDto, `/canned-responses/${s.id}/render?conversationId=${conversationId}`);
      put(rendered.body, el);
    } catch (error) {
      showError(error);
    }
  };
  const submit = () => {
    const body = text.trim();
    if (!body || send.isPending) return;
    const mentions = mode === "note" ? [...mentioned].filter(([, name]) => body.includes(`@${name}`)).map(([id]) => id) : [];
    void send
      .mutateAsync({
        body,
        private: mode === "note",
        ...(mentions.length > 0 ? { mentions } : {}),
        ...(files.length > 0 ? { attachments: files.map((f) => f.token) } : {}),
        ...(mode === "reply" && copies ? { cc: copies.cc, ...(copies.bcc.length > 0 ? { bcc: copies.bcc } : {}) } : {}),
      })
      .then(() => {
        clear();
        setFiles([]);
        setCopies(null);
        setMentioned(new Map());
        onTyping(false);
      }, showError);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setActive((i) => (i + (e.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length);
        return;
      }
      const chosen = suggestions[active];
      if ((e.key === "Enter" || e.key === "Tab") && chosen) {
        e.preventDefault();
        void pick(chosen, e.currentTarget);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        setTrigger(null);
        return;
      }
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };
  const listId = `suggestions-${conversationId}`;
  return (
    <Paper withBorder p="sm" m="md" mt={0} bg={mode === "note" ? "var(--mantine-color-yellow-light)" : undefined} pos="relative">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <SegmentedControl
          size="xs"
          mb="xs"
          color={mode === "note" ? "yellow.9" : "blue"}
          value={mode}
          onChange={(v) => {
            onMode(v === "note" ? "note" : "reply");
          }}
          data={[
            { value: "reply", label: t("composer.reply") },
            { value: "note", label: t("composer.note") },
          ]}
        />
        {email && mode === "reply" && <ReplyCopies to={email.to} replyAll={email.replyAll} value={copies} onChange={setCopies} />}
        {suggestions.length > 0 && (
          <Paper withBorder shadow="md" p={4} pos="absolute" bottom="100%" left={12} right={12} id={listId} role="listbox" aria-label={trigger?.kind === "mention" ? t("composer.mention") : t("composer.canned")} style={{ zIndex: 10 }}>
            {suggestions.map((s, i) => (
              <UnstyledButton
                key={s.id}
                id={`${listId}-${String(i)}`}
                role="option"
                aria-selected={i === active}
                display="block"
                w="100%"
                p={6}
                style={{ borderRadius: 6, background: i === active ? "var(--mantine-primary-color-light)" : undefined }}
                onMouseDown={(e) => {
                  e.preventDefault(); // keep the caret in the textarea
                  void pick(s, document.querySelector<HTMLTextAreaElement>("#conversation textarea"));
                }}
              >
                <Text size="sm" fw={600} span>
                  {s.label}
                </Text>{" "}
                <Text size="xs" c="dimmed" span>
                  {s.detail}
                </Text>
              </UnstyledButton>
            ))}
          </Paper>
        )}
        <GrowingTextarea
          ref={textareaRef}
          minRows={3}
          maxRows={12}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            onTyping(e.currentTarget.value.length > 0);
            track(e);
          }}
          onClick={track}
          onKeyDown={onKeyDown}
          placeholder={mode === "note" ? t("composer.notePlaceholder") : t("composer.replyPlaceholder")}
          aria-label={mode === "note" ? t("composer.note") : t("composer.reply")}
          aria-controls={suggestions.length > 0 ? listId : undefined}
          aria-activedescendant={suggestions.length > 0 ? `${listId}-${String(active)}` : undefined}
          aria-autocomplete="list"
        />
        {trigger?.kind === "canned" && trigger.query && suggestions.length === 0 && canned.data && (
          <Text size="xs" c="dimmed" mt={4}>
            {t("composer.noCanned", { query: trigger.query })}
          </Text>
        )}
        <Group justify="space-between" mt="xs">
          <Group gap={6}>
            <FileButton multiple onChange={(chosen) => void attach(chosen)}>
              {(props) => (
                <Button variant="subtle" size="xs" loading={uploading} leftSection={<IconPaperclip size={14} aria-hidden />} {...props}>
                  {t("composer.attach")}
                </Button>
              )}
            </FileButton>
            <Button variant="subtle" size="xs" leftSection={<IconBook size={14} aria-hidden />} onClick={() => { setPickingArticle(true); }}>
              {t("composer.article")}
            </Button>
            {files.map((f) => (
              <Pill
                key={f.token}
                withRemoveButton
                removeButtonProps={{ "aria-label": t("composer.removeFile", { name: f.fileName }) }}
                onRemove={() => {
                  setFiles(files.filter((x) => x.token !== f.token));
                }}
              >
                {f.fileName}
              </Pill>
            ))}
          </Group>
          <Button type="submit" loading={send.isPending} disabled={!text.trim()} color={mode === "note" ? "yellow" : undefined}>
            {mode === "note" ? t("composer.addNote") : t("composer.send")}
          </Button>
        </Group>
      </form>
      {pickingArticle && (
        <Suspense fallback={null}>
          <ArticlePicker conversationId={conversationId} onPick={insertArticle} onClose={() => { setPickingArticle(false); }} />
        </Suspense>
      )}
    </Paper>
  );
});

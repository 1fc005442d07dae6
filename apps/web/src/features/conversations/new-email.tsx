import "@mantine/tiptap/styles.css";
import { Autocomplete, Button, FileButton, Group, Modal, Select, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { Link, RichTextEditor, type RichTextEditorLabels } from "@mantine/tiptap";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPhoto } from "@tabler/icons-react";
import Image from "@tiptap/extension-image";
import { useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ContactDto, ConversationDto, INLINE_PICTURE_TYPES, nameAndAddress, page, type CreateConversationBody, type InboxDto } from "@atende/shared";
import { api, ApiError } from "../../api/client.js";
import { fieldMessage, showError } from "../../api/errors.js";
import { useLayout } from "../../components/layout.js";
import { useNavigateAfterwards } from "../../components/navigate-afterwards.js";
import { emailPlainText } from "./email-text.js";
import { pictureDropHandlers, useInlinePictures } from "./inline-pictures.js";
import { conversationKeys } from "./queries.js";

/** Where each of the server's field errors is shown in this form. */
const FIELD_OF: [RegExp, string][] = [
  [/^inboxId/, "from"],
  [/^contact/, "to"],
  [/^cc/, "cc"],
  [/^bcc/, "bcc"],
  [/^subject/, "subject"],
  [/^message/, "body"],
];

/** The editor's buttons in the agent's language. */
function useEditorLabels(): Partial<RichTextEditorLabels> {
  const { t } = useTranslation();
  return {
    boldControlLabel: t("compose.bold"),
    italicControlLabel: t("compose.italic"),
    underlineControlLabel: t("compose.underline"),
    strikeControlLabel: t("compose.strike"),
    bulletListControlLabel: t("compose.bulletList"),
    orderedListControlLabel: t("compose.orderedList"),
    blockquoteControlLabel: t("compose.quote"),
    linkControlLabel: t("compose.link"),
    unlinkControlLabel: t("compose.unlink"),
    linkEditorInputLabel: t("compose.linkAddress"),
    linkEditorInputPlaceholder: "https://",
    linkEditorSave: t("compose.linkSave"),
    linkEditorExternalLink: t("compose.linkNewTab"),
    linkEditorInternalLink: t("compose.linkSameTab"),
  };
}

/**
 * A new e-mail to a customer (a known contact or any address), from one of the workspace's e-mail
 * inboxes: To, Cc, Bcc, subject, formatted text (sent as HTML with a plain-text alternative) and the
 * inbox's signature shown below as it will be added. Sending opens the new conversation.
 */
export function NewEmail({ inboxes, onClose }: { inboxes: InboxDto[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { phone } = useLayout();
  const client = useQueryClient();
  const afterwards = useNavigateAfterwards();
  const labels = useEditorLabels();
  const [inboxId, setInboxId] = useState(inboxes[0]?.id ?? "");
  const [to, setTo] = useState("");
  const [copies, setCopies] = useState(false);
  const [cc, setCc] = useState<string[]>([]);
  const [bcc, setBcc] = useState<string[]>([]);
  const [subject, setSubject] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const pictures = useInlinePictures();
  /** Where chosen, pasted or dropped pictures go (the editor is made on the first render). */
  const insertPictures = useRef<(files: File[]) => void>(() => undefined);
  const editor = useEditor({
    extensions: [StarterKit.configure({ link: false }), Link.configure({ openOnClick: false }), Image],
    content: "",
    immediatelyRender: true,
    editorProps: {
      attributes: { "aria-label": t("compose.body"), "aria-multiline": "true", role: "textbox" },
      ...pictureDropHandlers(insertPictures),
    },
  });
  insertPictures.current = (files) => void pictures.insert(editor, files);
  const [query] = useDebouncedValue(to.trim(), 250);
  const found = useQuery({
    queryKey: ["contacts", "search", query],
    queryFn: () => api(page(ContactDto), `/contacts?limit=8&q=${encodeURIComponent(query)}`),
    enabled: query.length > 1,
  });
  const suggestions = [...new Set((found.data?.items ?? []).flatMap((c) => (c.email ? [c.name ? `${c.name} <${c.email}>` : c.email] : [])))];
  const inbox = inboxes.find((i) => i.id === inboxId);
  const send = useMutation({
    mutationFn: (body: CreateConversationBody) => api(ConversationDto, "/conversations", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: conversationKeys.all }),
    onError: (error) => {
      if (!(error instanceof ApiError) || error.fields.length === 0) {
        showError(error);
        return;
      }
      const shown: Record<string, string> = {};
      for (const field of error.fields) {
        const where = FIELD_OF.find(([re]) => re.test(field.path))?.[1] ?? "body";
        shown[where] ??= fieldMessage(field);
      }
      setErrors(shown);
    },
  });
  const submit = () => {
    const { html, attachments } = pictures.resolve(editor.getHTML());
    const body = emailPlainText(html);
    const { email, name } = nameAndAddress(to);
    const missing: Record<string, string> = {};
    if (!email) missing.to = t("fieldErrors.required");
    if (!body) missing.body = t("fieldErrors.required");
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    const navigate = afterwards();
    void send.mutateAsync({
      inboxId,
      contact: { email, ...(name ? { name } : {}) },
      ...(subject.trim() ? { subject: subject.trim() } : {}),
      message: { direction: "outgoing", body, html, ...(attachments.length > 0 ? { attachments } : {}) },
      ...(cc.length > 0 ? { cc } : {}),
      ...(bcc.length > 0 ? { bcc } : {}),
    }).then(
      (created) => {
        // The conversation's address has no composer in it: going there closes this.
        if (!navigate(`/conversations/${created.id}`)) onClose();
      },
      () => undefined, // said by onError
    );
  };
  return (
    <Modal opened onClose={onClose} title={t("compose.title")} size="xl" fullScreen={phone}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          {inboxes.length > 1 ? (
            <Select
              label={t("compose.from")}
              data={inboxes.map((i) => ({ value: i.id, label: `${i.name} <${i.address ?? ""}>` }))}
              value={inboxId}
              allowDeselect={false}
              onChange={(id) => { if (id) setInboxId(id); }}
              error={errors.from}
            />
          ) : (
            <Text size="sm">
              <Text span c="dimmed">{t("compose.from")}: </Text>
              {inbox ? `${inbox.name} <${inbox.address ?? ""}>` : ""}
            </Text>
          )}
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <Autocomplete
              label={t("compose.to")}
              placeholder={t("compose.toPlaceholder")}
              value={to}
              onChange={setTo}
              data={suggestions}
              error={errors.to}
              style={{ flex: 1 }}
              required
              data-autofocus
            />
            {!copies && (
              <Button variant="subtle" size="compact-sm" mb={errors.to ? 22 : 6} onClick={() => { setCopies(true); }}>
                {t("compose.showCopies")}
              </Button>
            )}
          </Group>
          {copies && (
            <>
              <TagsInput label={t("compose.cc")} value={cc} onChange={setCc} error={errors.cc} splitChars={[",", " ", ";"]} clearable />
              <TagsInput label={t("compose.bcc")} value={bcc} onChange={setBcc} error={errors.bcc} splitChars={[",", " ", ";"]} clearable />
            </>
          )}
          <TextInput label={t("compose.subject")} value={subject} onChange={(e) => { setSubject(e.currentTarget.value); }} error={errors.subject} />
          <div>
            <RichTextEditor editor={editor} labels={labels} aria-invalid={errors.body ? true : undefined}>
              <RichTextEditor.Toolbar>
                <RichTextEditor.ControlsGroup>
                  <RichTextEditor.Bold />
                  <RichTextEditor.Italic />
                  <RichTextEditor.Underline />
                  <RichTextEditor.Strikethrough />
                </RichTextEditor.ControlsGroup>
                <RichTextEditor.ControlsGroup>
                  <RichTextEditor.BulletList />
                  <RichTextEditor.OrderedList />
                  <RichTextEditor.Blockquote />
                </RichTextEditor.ControlsGroup>
                <RichTextEditor.ControlsGroup>
                  <RichTextEditor.Link />
                  <RichTextEditor.Unlink />
                  <FileButton accept={INLINE_PICTURE_TYPES.join(",")} multiple onChange={(files) => { insertPictures.current(files); }}>
                    {(props) => (
                      <RichTextEditor.Control {...props} aria-label={t("compose.picture")} title={t("compose.picture")} disabled={pictures.uploading}>
                        <IconPhoto size={16} stroke={1.5} />
                      </RichTextEditor.Control>
                    )}
                  </FileButton>
                </RichTextEditor.ControlsGroup>
              </RichTextEditor.Toolbar>
              <RichTextEditor.Content mih={180} />
            </RichTextEditor>
            {errors.body && (
              <Text size="xs" c="red" mt={4} role="alert">
                {errors.body}
              </Text>
            )}
          </div>
          {inbox?.signature && (
            <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-line" }} aria-label={t("compose.signature")}>
              {`-- \n${inbox.signature}`}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("settings.cancel")}
            </Button>
            <Button type="submit" loading={send.isPending} disabled={pictures.uploading}>
              {t("composer.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

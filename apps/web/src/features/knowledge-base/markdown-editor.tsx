import { ActionIcon, FileButton, Group, Input, Paper, SegmentedControl, SimpleGrid, Stack, Text, Tooltip } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconBlockquote, IconBold, IconH2, IconItalic, IconLink, IconList, IconListNumbers, IconPhoto, type TablerIcon } from "@tabler/icons-react";
import { useEffect, useId, useRef, useState, type ClipboardEvent, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { showError } from "../../api/errors.js";
import { useLayout } from "../../components/layout.js";
import { uploadArticleImage } from "./queries.js";
import { ArticleHtml } from "./article-html.js";
import { GrowingTextarea } from "../../components/growing-textarea.js";
import { Loading } from "../../components/loading.js";

type Props = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What the server rendered for the saved text: shown while the text is still that. */
  saved?: { body: string; html: string } | undefined;
  error?: string | undefined;
  /** Writing and preview side by side (the default from tablet width), or one at a time behind a switch (where space is short). */
  layout?: "split" | "tabs";
  /** The text's language, for spelling and the preview's hyphenation. */
  lang?: string | undefined;
};

type Render = (body: string) => string;

/** The Markdown renderer, loaded once the first editor opens (it is not on the first screen). */
function usePreviewRenderer(): Render | null {
  const [render, setRender] = useState<{ fn: Render } | null>(null);
  useEffect(() => {
    let live = true;
    void import("./markdown-preview.js").then((m) => {
      if (live) setRender({ fn: m.renderArticlePreview });
    });
    return () => {
      live = false;
    };
  }, []);
  return render?.fn ?? null;
}

/**
 * Replaces the textarea's selection as typing would (so Ctrl+Z takes it back), then selects
 * `select` within the new text (offsets from its start).
 */
function replaceSelection(el: HTMLTextAreaElement, text: string, select: [number, number] = [text.length, text.length]): void {
  const start = el.selectionStart;
  el.focus();
  // execCommand keeps the browser's undo history; where it is missing, the value is set directly.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the one way to edit a textarea that Ctrl+Z can undo
  if (!document.execCommand("insertText", false, text)) {
    el.setRangeText(text, el.selectionStart, el.selectionEnd, "end");
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
  el.setSelectionRange(start + select[0], start + select[1]);
}

type Format = { key: string; icon: TablerIcon; apply: (selected: string) => { text: string; select?: [number, number] } };

/** The toolbar's Markdown: around the selection (or a placeholder word, selected to be typed over). */
const wrap = (mark: string, placeholder: string) => (selected: string) => {
  const inner = selected || placeholder;
  return { text: `${mark}${inner}${mark}`, select: [mark.length, mark.length + inner.length] as [number, number] };
};
const linePrefix = (prefix: (i: number) => string, placeholder: string) => (selected: string) => {
  const lines = (selected || placeholder).split("\n");
  const text = lines.map((line, i) => `${prefix(i)}${line}`).join("\n");
  return { text, select: [0, text.length] as [number, number] };
};

/**
 * Writes Markdown with a live preview: side by side from tablet width, one or the other on a phone.
 * The toolbar writes the Markdown for headings, emphasis, links and lists; pictures (chosen, pasted
 * or dropped) are uploaded at once and put in the text as `![name](address)`.
 */
export function MarkdownEditor({ label, value, onChange, saved, error, layout = "split", lang }: Props) {
  const { t } = useTranslation();
  const tabs = useLayout().phone || layout === "tabs";
  const [pane, setPane] = useState<"write" | "preview">("write");
  const [uploading, setUploading] = useState(0);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const render = usePreviewRenderer();
  const [typed] = useDebouncedValue(value, 150);
  const previewId = useId();
  const html = saved && typed === saved.body ? saved.html : render ? render(typed) : null;
  const formats: Format[] = [
    { key: "heading", icon: IconH2, apply: linePrefix(() => "## ", t("knowledgeBase.editor.headingText")) },
    { key: "bold", icon: IconBold, apply: wrap("**", t("knowledgeBase.editor.boldText")) },
    { key: "italic", icon: IconItalic, apply: wrap("_", t("knowledgeBase.editor.italicText")) },
    {
      key: "link",
      icon: IconLink,
      apply: (selected) => {
        const words = selected || t("knowledgeBase.editor.linkText");
        return { text: `[${words}](https://)`, select: [words.length + 3, words.length + 11] };
      },
    },
    { key: "bulletList", icon: IconList, apply: linePrefix(() => "- ", t("knowledgeBase.editor.listText")) },
    { key: "orderedList", icon: IconListNumbers, apply: linePrefix((i) => `${String(i + 1)}. `, t("knowledgeBase.editor.listText")) },
    { key: "quote", icon: IconBlockquote, apply: linePrefix(() => "> ", t("knowledgeBase.editor.quoteText")) },
  ];
  const format = (f: Format) => {
    const el = textarea.current;
    if (!el) return;
    const { text, select } = f.apply(el.value.slice(el.selectionStart, el.selectionEnd));
    replaceSelection(el, text, select);
  };
  /** Uploads pictures one after the other, each put in the text where the caret is once it is stored. */
  const insertImages = async (files: File[]) => {
    const pictures = files.filter((f) => f.type.startsWith("image/"));
    for (const file of pictures) {
      setUploading((n) => n + 1);
      try {
        const image = await uploadArticleImage(file);
        const el = textarea.current;
        const alt = image.fileName.replace(/\.[a-z0-9]+$/i, "").replace(/[[\]]/g, "");
        if (el) replaceSelection(el, `![${alt}](${image.url})`);
      } catch (err) {
        showError(err);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  };
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...e.clipboardData.files].filter((f) => f.type.startsWith("image/"));
    if (files.length === 0) return;
    e.preventDefault();
    void insertImages(files);
  };
  const onDrop = (e: DragEvent<HTMLTextAreaElement>) => {
    const files = [...e.dataTransfer.files].filter((f) => f.type.startsWith("image/"));
    if (files.length === 0) return;
    e.preventDefault();
    void insertImages(files);
  };
  const toolbar = (
    <Group gap={2} role="toolbar" aria-label={t("knowledgeBase.editor.toolbar")} wrap="wrap">
      {formats.map((f) => (
        <Tooltip key={f.key} label={t(`knowledgeBase.editor.${f.key}`)}>
          <ActionIcon variant="subtle" color="gray" aria-label={t(`knowledgeBase.editor.${f.key}`)} onClick={() => { format(f); }}>
            <f.icon size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      ))}
      <FileButton multiple accept="image/png,image/jpeg,image/gif,image/webp" onChange={(files) => void insertImages(files)}>
        {(props) => (
          <Tooltip label={t("knowledgeBase.editor.image")}>
            <ActionIcon variant="subtle" color="gray" aria-label={t("knowledgeBase.editor.image")} loading={uploading > 0} {...props}>
              <IconPhoto size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
      </FileButton>
    </Group>
  );
  const writer = (
    <Stack gap={4} style={{ display: tabs && pane === "preview" ? "none" : undefined }}>
      <GrowingTextarea
        inputContainer={(input) => (
          <>
            {toolbar}
            {input}
          </>
        )}
        ref={textarea}
        label={label}
        description={t("knowledgeBase.editor.markdownHelp")}
        value={value}
        onChange={(e) => { onChange(e.currentTarget.value); }}
        onPaste={onPaste}
        onDrop={onDrop}
        minRows={tabs ? 12 : 16}
        lang={lang}
        maxRows={40}
        error={error}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 14 } }}
      />
      {uploading > 0 && (
        <Text size="xs" c="dimmed" role="status">
          {t("knowledgeBase.editor.uploading")}
        </Text>
      )}
    </Stack>
  );
  const preview = (
    <Stack gap={4} style={{ display: tabs && pane === "write" ? "none" : undefined }} miw={0}>
      <Input.Label id={previewId}>{t("knowledgeBase.editor.preview")}</Input.Label>
      <Paper withBorder p="md" role="region" aria-labelledby={previewId} mih={200} style={{ overflowWrap: "anywhere" }}>
        {html === null ? (
          <Loading size="sm" />
        ) : html.trim() === "" ? (
          <Text c="dimmed" size="sm">
            {t("knowledgeBase.editor.previewEmpty")}
          </Text>
        ) : (
          <ArticleHtml html={html} lang={lang} />
        )}
      </Paper>
    </Stack>
  );
  return (
    <Stack gap="xs">
      {tabs && (
        <SegmentedControl
          value={pane}
          onChange={(v) => { setPane(v === "preview" ? "preview" : "write"); }}
          data={[
            { value: "write", label: t("knowledgeBase.editor.write") },
            { value: "preview", label: t("knowledgeBase.editor.preview") },
          ]}
          aria-label={label}
        />
      )}
      <SimpleGrid cols={tabs ? 1 : 2} spacing="md">
        {writer}
        {preview}
      </SimpleGrid>
    </Stack>
  );
}

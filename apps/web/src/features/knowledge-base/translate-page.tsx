import { Alert, Anchor, Button, Group, List, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowLeft, IconCopy } from "@tabler/icons-react";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { z } from "zod";
import { ArticleBody, ArticleTitle, LOCALES, type ArticleDto, type ArticleStatus, type Locale } from "@atende/shared";
import { ApiError } from "../../api/client.js";
import { schemaResolver, showFormError } from "../../api/form-errors.js";
import { useLayout } from "../../components/layout.js";
import { LoadError } from "../../components/load-error.js";
import { NotFound } from "../../components/not-found.js";
import { LOCALE_NAMES } from "../../i18n.js";
import { KnowledgeBaseFrame } from "./kb-frame.js";
import { MarkdownEditor } from "./markdown-editor.js";
import { useArticle, useCreateArticle } from "./queries.js";
import { QuestionsText, questionsText } from "./article-form.js";
import { QuestionsField } from "./questions-field.js";
import { ArticleHtml } from "./article-html.js";
import { GrowingTextarea } from "../../components/growing-textarea.js";
import { Loading } from "../../components/loading.js";
import { useNavigateAfterwards } from "../../components/navigate-afterwards.js";
import { useWarnBeforeLeaving } from "../../components/warn-before-leaving.js";

const TranslationForm = z.object({ title: ArticleTitle, body: ArticleBody, questions: QuestionsText });
type TranslationInput = z.input<typeof TranslationForm>;
type TranslationValues = z.output<typeof TranslationForm>;

/** The translation being translated from, read-only: as readers see it, or its Markdown to follow its structure; then its questions. */
function SourcePane({ source, onSource }: { source: ArticleDto; onSource: (id: string) => void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<"preview" | "markdown">("preview");
  return (
    <Stack gap="xs" miw={0} component="section" aria-label={t("knowledgeBase.translate.source", { language: LOCALE_NAMES[source.locale] })}>
      <Group justify="space-between" gap="xs" align="flex-end">
        <Select
          label={t("knowledgeBase.translate.from")}
          data={source.translations.map((x) => ({ value: x.id, label: LOCALE_NAMES[x.locale] }))}
          value={source.id}
          onChange={(id) => { if (id) onSource(id); }}
          allowDeselect={false}
          w={200}
        />
        <SegmentedControl
          size="xs"
          value={shown}
          onChange={(v) => { setShown(v === "markdown" ? "markdown" : "preview"); }}
          data={[
            { value: "preview", label: t("knowledgeBase.editor.preview") },
            { value: "markdown", label: t("knowledgeBase.translate.markdown") },
          ]}
          aria-label={t("knowledgeBase.translate.showSource")}
        />
      </Group>
      <Paper withBorder p="md" bg="var(--mantine-color-default-hover)">
        <Text fw={700} size="lg" lang={source.locale} mb="sm" style={{ overflowWrap: "anywhere" }}>
          {source.title}
        </Text>
        {shown === "preview" ? (
          <ArticleHtml html={source.html} lang={source.locale} />
        ) : (
          <GrowingTextarea
            readOnly
            minRows={10}
            maxRows={40}
            value={source.body}
            lang={source.locale}
            aria-label={t("knowledgeBase.translate.sourceMarkdown", { language: LOCALE_NAMES[source.locale] })}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 14 } }}
          />
        )}
        {source.questions.length > 0 && (
          <Stack gap={4} mt="md">
            <Text size="sm" fw={600}>
              {t("knowledgeBase.questions")}
            </Text>
            <List size="sm" lang={source.locale} style={{ overflowWrap: "anywhere" }}>
              {source.questions.map((q) => (
                <List.Item key={q}>{q}</List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

/** The new translation: title, Markdown with its preview and the questions it answers; saved as a draft or published at once. */
function TranslationEditor({ source, locale }: { source: ArticleDto; locale: Locale }) {
  const { t } = useTranslation();
  const afterwards = useNavigateAfterwards();
  const create = useCreateArticle();
  const [acting, setActing] = useState<ArticleStatus | null>(null);
  const form = useForm<TranslationInput, unknown, TranslationValues>({ resolver: schemaResolver(TranslationForm), defaultValues: { title: "", body: "", questions: "" } });
  const { errors, isDirty } = form.formState;
  useWarnBeforeLeaving(isDirty);
  const save = (status: ArticleStatus) => {
    setActing(status);
    void form.handleSubmit((values) => {
      const navigate = afterwards();
      void create.mutateAsync({ translationOf: source.id, locale, title: values.title, body: values.body, questions: values.questions, status }).then(
        (saved) => {
          form.reset({ title: values.title, body: values.body, questions: questionsText(values.questions) });
          notifications.show({ color: "green", message: status === "published" ? t("knowledgeBase.published") : t("knowledgeBase.saved") });
          navigate(`/knowledge-base/articles/${saved.id}`, { replace: true });
        },
        (error: unknown) => { showFormError(form, error); },
      );
    })();
  };
  const startFromSource = () => {
    form.setValue("body", source.body, { shouldDirty: true });
    if (!form.getValues("title")) form.setValue("title", source.title, { shouldDirty: true });
    if (!form.getValues("questions").trim()) form.setValue("questions", questionsText(source.questions), { shouldDirty: true });
  };
  return (
    <Stack gap="xs" miw={0} component="section" aria-label={t("knowledgeBase.translate.target", { language: LOCALE_NAMES[locale] })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save("draft");
        }}
      >
        <Stack gap="sm">
          <TextInput label={t("knowledgeBase.translate.titleIn", { language: LOCALE_NAMES[locale] })} required {...form.register("title")} error={errors.title?.message} lang={locale} />
          <Button variant="subtle" size="compact-sm" leftSection={<IconCopy size={14} aria-hidden />} onClick={startFromSource} style={{ alignSelf: "flex-start" }}>
            {t("knowledgeBase.translate.startFromSource")}
          </Button>
          <Controller
            control={form.control}
            name="body"
            render={({ field }) => (
              <MarkdownEditor
                label={t("knowledgeBase.translate.bodyIn", { language: LOCALE_NAMES[locale] })}
                value={field.value}
                onChange={field.onChange}
                error={errors.body?.message}
                layout="tabs"
                lang={locale}
              />
            )}
          />
          <QuestionsField
            {...form.register("questions")}
            label={t("knowledgeBase.translate.questionsIn", { language: LOCALE_NAMES[locale] })}
            problem={errors.questions}
            lang={locale}
          />
          <Group gap="xs" justify="flex-end">
            <Button type="submit" variant="default" loading={create.isPending && acting === "draft"} disabled={create.isPending}>
              {t("knowledgeBase.saveDraft")}
            </Button>
            <Button onClick={() => { save("published"); }} loading={create.isPending && acting === "published"} disabled={create.isPending}>
              {t("knowledgeBase.publish")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/**
 * Translating an article side by side (/knowledge-base/articles/:id/translate/:locale): the
 * translation it starts from on the left, read-only, the new one on the right (one above the other
 * on a phone).
 */
export function TranslatePage() {
  const { t } = useTranslation();
  const { id, locale: wanted } = useParams();
  const navigate = useNavigate();
  const { phone } = useLayout();
  const source = useArticle(id);
  const locale = LOCALES.find((l) => l === wanted);
  let page;
  if (!locale || (source.error instanceof ApiError && source.error.status === 404)) page = <NotFound what={t("knowledgeBase.notFound")} />;
  else if (source.isError) page = <LoadError error={source.error} onRetry={() => void source.refetch()} />;
  else if (source.isPending) page = <Loading />;
  else {
    const existing = source.data.translations.find((x) => x.locale === locale);
    page = (
      <Stack gap="md">
        <Anchor component={Link} to={`/knowledge-base/articles/${source.data.id}`} size="sm" style={{ alignSelf: "flex-start" }}>
          <Group gap={4} wrap="nowrap">
            <IconArrowLeft size={14} aria-hidden />
            {t("knowledgeBase.translate.back")}
          </Group>
        </Anchor>
        <Title order={1} size="h3">
          {t("knowledgeBase.translate.title", { language: LOCALE_NAMES[locale] })}
        </Title>
        {existing ? (
          <Alert color="blue" variant="light">
            {t("knowledgeBase.translate.exists", { language: LOCALE_NAMES[locale] })}{" "}
            <Anchor component={Link} to={`/knowledge-base/articles/${existing.id}`}>
              {existing.title}
            </Anchor>
          </Alert>
        ) : (
          <SimpleGrid cols={phone ? 1 : 2} spacing="lg">
            <SourcePane source={source.data} onSource={(other) => void navigate(`/knowledge-base/articles/${other}/translate/${locale}`, { replace: true })} />
            <TranslationEditor source={source.data} locale={locale} />
          </SimpleGrid>
        )}
      </Stack>
    );
  }
  return <KnowledgeBaseFrame>{page}</KnowledgeBaseFrame>;
}

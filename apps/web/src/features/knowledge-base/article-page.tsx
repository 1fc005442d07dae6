import { ActionIcon, Anchor, Badge, Button, CopyButton, Group, Input, Menu, SegmentedControl, Select, Stack, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowLeft, IconCheck, IconCopy, IconDots, IconExternalLink, IconHistory, IconLanguage, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { ARTICLE_VISIBILITIES, LOCALES, type ArticleDto, type ArticleStatus, type Locale } from "@atende/shared";
import { ApiError } from "../../api/client.js";
import { showError } from "../../api/errors.js";
import { schemaResolver, showFormError } from "../../api/form-errors.js";
import { useConfirmation } from "../../components/confirm-dialog.js";
import { LoadError } from "../../components/load-error.js";
import { NotFound } from "../../components/not-found.js";
import { dateTime, relativeTime } from "../../format.js";
import { currentLocale, LOCALE_NAMES } from "../../i18n.js";
import { ArticleForm, changesOf, formValuesOf, type ArticleFormInput, type ArticleFormValues } from "./article-form.js";
import { KnowledgeBaseFrame } from "./kb-frame.js";
import { MarkdownEditor } from "./markdown-editor.js";
import { QuestionSuggestions } from "./question-suggestions.js";
import { QuestionsField } from "./questions-field.js";
import { categoryName, useArticle, useCategories, useCreateArticle, useDeleteArticle, useUpdateArticle } from "./queries.js";
import { RevisionsDrawer } from "./revisions.js";
import { TranslationBadges } from "./translation-badges.js";
import { ArticleHtml } from "./article-html.js";
import { Loading } from "../../components/loading.js";
import { useNavigateAfterwards } from "../../components/navigate-afterwards.js";
import { useWarnBeforeLeaving } from "../../components/warn-before-leaving.js";

const asLocale = (value: string | null): Locale | undefined => LOCALES.find((l) => l === value);

/** A translation's state at a glance: published or draft, public or internal, its language. */
function StateBadges({ article }: { article: Pick<ArticleDto, "status" | "visibility" | "locale"> }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Badge variant={article.status === "published" ? "filled" : "light"} color={article.status === "published" ? "teal.9" : "gray"}>
        {t(`knowledgeBase.statuses.${article.status}`)}
      </Badge>
      <Badge variant="light" color={article.visibility === "public" ? "blue" : "grape"}>
        {t(`knowledgeBase.visibilities.${article.visibility}`)}
      </Badge>
      <Badge variant="outline" color="gray">
        {LOCALE_NAMES[article.locale]}
      </Badge>
    </Group>
  );
}

/** Who changed it last and when, when it was published, and what readers did with it. */
function ArticleFacts({ article }: { article: ArticleDto }) {
  const { t } = useTranslation();
  const { views, helpful, notHelpful, selfService } = article.stats;
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {article.updatedBy
          ? t("knowledgeBase.updatedBy", { when: relativeTime(article.updatedAt), name: article.updatedBy.name })
          : t("knowledgeBase.updated", { when: relativeTime(article.updatedAt) })}
        {article.publishedAt ? ` · ${t("knowledgeBase.publishedAt", { when: dateTime(article.publishedAt) })}` : ""}
      </Text>
      {article.visibility === "public" && (
        <Text size="xs" c="dimmed">
          {t("knowledgeBase.stats", { views, helpful, notHelpful, selfService })}
        </Text>
      )}
    </Stack>
  );
}

/** The public address of a published public article, to open or copy. */
function PublicLink({ article }: { article: ArticleDto }) {
  const { t } = useTranslation();
  if (!article.url || article.status !== "published" || article.visibility !== "public") return null;
  const url = new URL(article.url, location.origin).href;
  return (
    <Group gap={4} wrap="nowrap" miw={0}>
      <Anchor href={url} target="_blank" rel="noopener" size="sm" truncate>
        <IconExternalLink size={14} aria-hidden /> {t("knowledgeBase.openInHelpCenter")}
      </Anchor>
      <CopyButton value={url}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t("app.copied") : t("knowledgeBase.copyLink")}>
            <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label={t("knowledgeBase.copyLink")}>
              {copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

function BackToList() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/knowledge-base" size="sm" style={{ alignSelf: "flex-start" }}>
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden />
        {t("knowledgeBase.backToList")}
      </Group>
    </Anchor>
  );
}

/** An article as agents who do not write read it: the server's rendering of the saved text. */
function ArticleReader({ article }: { article: ArticleDto }) {
  const { t } = useTranslation();
  return (
    <Stack maw={820} gap="md">
      <BackToList />
      <Stack gap="xs">
        <Title order={1} size="h2" lang={article.locale} style={{ overflowWrap: "anywhere" }}>
          {article.title}
        </Title>
        <StateBadges article={article} />
        <Group gap="sm">
          <Text size="sm">{t("knowledgeBase.translations")}:</Text>
          <TranslationBadges translations={article.translations} current={article.id} />
        </Group>
        <ArticleFacts article={article} />
        <PublicLink article={article} />
      </Stack>
      <ArticleHtml html={article.html} lang={article.locale} />
    </Stack>
  );
}

/**
 * Writes a new article or changes a translation: title, Markdown with its preview, visibility and
 * category (the article's, shared by its translations), an address of its own. Saves as it is,
 * publishes or unpublishes; translates, shows the revisions and deletes from its menu.
 */
function ArticleEditor({ article, newLocale }: { article: ArticleDto | null; newLocale: Locale }) {
  const { t } = useTranslation();
  const afterwards = useNavigateAfterwards();
  const categories = useCategories();
  const create = useCreateArticle();
  const update = useUpdateArticle(article?.id ?? "");
  const remove = useDeleteArticle();
  const [revisionsOpen, setRevisionsOpen] = useState(false);
  const form = useForm<ArticleFormInput, unknown, ArticleFormValues>({
    resolver: schemaResolver(ArticleForm),
    defaultValues: article ? formValuesOf(article) : { locale: newLocale, title: "", body: "", questions: "", slug: "", visibility: "public", categoryId: "" },
  });
  const { errors, isDirty } = form.formState;
  useWarnBeforeLeaving(isDirty);
  const locale = useWatch({ control: form.control, name: "locale" });
  const pending = create.isPending || update.isPending;
  const [acting, setActing] = useState<ArticleStatus | "save" | null>(null);
  const failed = (error: unknown) => { showFormError(form, error); };
  const save = (status?: ArticleStatus) => {
    setActing(status ?? "save");
    void form.handleSubmit(
      (values) => {
        if (!article) {
          const categoryId = values.categoryId === "" ? null : values.categoryId;
          const navigate = afterwards();
          void create
            .mutateAsync({
              locale: values.locale,
              title: values.title,
              body: values.body,
              questions: values.questions,
              status: status ?? "draft",
              visibility: values.visibility,
              categoryId,
              ...(values.slug ? { slug: values.slug } : {}),
            })
            .then((saved) => {
              form.reset(formValuesOf(saved));
              notifications.show({ color: "green", message: saved.status === "published" ? t("knowledgeBase.published") : t("knowledgeBase.saved") });
              navigate(`/knowledge-base/articles/${saved.id}`, { replace: true });
            }, failed);
          return;
        }
        const changes = changesOf(article, values, status);
        if (Object.keys(changes).length === 0) {
          form.reset(formValuesOf(article));
          return;
        }
        void update.mutateAsync(changes).then((saved) => {
          form.reset(formValuesOf(saved));
          const message = changes.status === "published" ? "published" : changes.status === "draft" ? "unpublished" : "saved";
          notifications.show({ color: "green", message: t(`knowledgeBase.${message}`) });
        }, failed);
      },
      () => { setActing(null); },
    )();
  };
  const deletion = useConfirmation(
    (a: ArticleDto) => ({
      title: t("knowledgeBase.deleteTitle", { title: a.title }),
      message: a.translations.length > 1 ? t("knowledgeBase.deleteTranslation", { language: LOCALE_NAMES[a.locale] }) : t("knowledgeBase.deleteArticle"),
      confirm: t("knowledgeBase.delete"),
    }),
    (a) => {
      const navigate = afterwards();
      void remove.mutateAsync(a.id).then(() => {
        form.reset(formValuesOf(a)); // nothing left to warn about
        notifications.show({ color: "green", message: t("knowledgeBase.deleted") });
        const other = a.translations.find((x) => x.id !== a.id);
        navigate(other ? `/knowledge-base/articles/${other.id}` : "/knowledge-base", { replace: true });
      }, showError);
    },
  );
  const missing = article ? LOCALES.filter((l) => !article.translations.some((x) => x.locale === l)) : [];
  const appLocale = currentLocale();
  const categoryOptions = [
    { value: "", label: t("knowledgeBase.noCategory") },
    ...(categories.data?.items ?? []).map((c) => ({ value: c.id, label: categoryName(c, appLocale) })),
  ];
  const published = article?.status === "published";
  return (
    <Stack maw={1200} gap="md">
      <BackToList />
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={6} miw={0}>
          <Title order={1} size="h3">
            {article ? t("knowledgeBase.editTitle") : t("knowledgeBase.newArticle")}
          </Title>
          {article && <StateBadges article={article} />}
          {article && (
            <Group gap="sm">
              <Text size="sm">{t("knowledgeBase.translations")}:</Text>
              <TranslationBadges translations={article.translations} current={article.id} />
            </Group>
          )}
        </Stack>
        <Group gap="xs">
          <Button variant="default" onClick={() => { save(); }} loading={pending && acting === "save"} disabled={pending || (article !== null && !isDirty)}>
            {article ? t("knowledgeBase.save") : t("knowledgeBase.saveDraft")}
          </Button>
          {published ? (
            <Button variant="default" onClick={() => { save("draft"); }} loading={pending && acting === "draft"} disabled={pending}>
              {t("knowledgeBase.unpublish")}
            </Button>
          ) : (
            <Button onClick={() => { save("published"); }} loading={pending && acting === "published"} disabled={pending}>
              {t("knowledgeBase.publish")}
            </Button>
          )}
          {article && (
            <Menu position="bottom-end">
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label={t("knowledgeBase.moreActions")}>
                  <IconDots size={18} aria-hidden />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {missing.map((l) => (
                  <Menu.Item key={l} leftSection={<IconLanguage size={16} aria-hidden />} component={Link} to={`/knowledge-base/articles/${article.id}/translate/${l}`}>
                    {t("knowledgeBase.translateInto", { language: LOCALE_NAMES[l] })}
                  </Menu.Item>
                ))}
                <Menu.Item leftSection={<IconHistory size={16} aria-hidden />} onClick={() => { setRevisionsOpen(true); }}>
                  {t("knowledgeBase.revisions.title")}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => { deletion.ask(article); }}>
                  {t("knowledgeBase.delete")}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>
      {article && (
        <Group justify="space-between" gap="xs">
          <ArticleFacts article={article} />
          <PublicLink article={article} />
        </Group>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Stack gap="md">
          <TextInput label={t("knowledgeBase.titleField")} required {...form.register("title")} error={errors.title?.message} lang={locale} />
          <Group gap="md" align="flex-start" wrap="wrap">
            {!article && (
              <Controller
                control={form.control}
                name="locale"
                render={({ field }) => (
                  <Select
                    label={t("knowledgeBase.language")}
                    data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
                    value={field.value}
                    onChange={(v) => { field.onChange(asLocale(v) ?? field.value); }}
                    allowDeselect={false}
                    w={200}
                  />
                )}
              />
            )}
            <Controller
              control={form.control}
              name="visibility"
              render={({ field }) => (
                <Stack gap={0}>
                  <Input.Label id="article-visibility">{t("knowledgeBase.visibility")}</Input.Label>
                  <SegmentedControl
                    aria-labelledby="article-visibility"
                    value={field.value}
                    onChange={(v) => { field.onChange(ARTICLE_VISIBILITIES.find((x) => x === v) ?? field.value); }}
                    data={ARTICLE_VISIBILITIES.map((v) => ({ value: v, label: t(`knowledgeBase.visibilities.${v}`) }))}
                  />
                </Stack>
              )}
            />
            <Controller
              control={form.control}
              name="categoryId"
              render={({ field }) => (
                <Select
                  label={t("knowledgeBase.category")}
                  data={categoryOptions}
                  value={field.value}
                  onChange={(v) => { field.onChange(v ?? ""); }}
                  allowDeselect={false}
                  error={errors.categoryId?.message}
                  w={220}
                />
              )}
            />
            <TextInput
              label={t("knowledgeBase.slug")}
              placeholder={t("knowledgeBase.slugPlaceholder")}
              {...form.register("slug")}
              error={errors.slug?.message}
              w={260}
            />
          </Group>
          {article && article.translations.length > 1 && (
            <Text size="xs" c="dimmed" mt={-8}>
              {t("knowledgeBase.sharedByTranslations")}
            </Text>
          )}
          <Controller
            control={form.control}
            name="body"
            render={({ field }) => (
              <MarkdownEditor
                label={t("knowledgeBase.body")}
                value={field.value}
                onChange={field.onChange}
                saved={article ? { body: article.body, html: article.html } : undefined}
                error={errors.body?.message}
              />
            )}
          />
          <QuestionsField {...form.register("questions")} problem={errors.questions} lang={locale} />
          {article?.editable && (
            <QuestionSuggestions
              article={article}
              dirty={isDirty}
              onAccepted={(saved) => {
                form.reset(formValuesOf(saved));
              }}
            />
          )}
        </Stack>
      </form>
      {deletion.dialog}
      {article && (
        <RevisionsDrawer
          article={article}
          opened={revisionsOpen}
          onClose={() => { setRevisionsOpen(false); }}
          dirty={isDirty}
          onRestored={(restored) => {
            form.reset(formValuesOf(restored));
          }}
        />
      )}
    </Stack>
  );
}

/**
 * A translation of an article at /knowledge-base/articles/:id, or a new article at
 * /knowledge-base/articles/new (?locale= its language): writers edit, other agents read.
 */
export function ArticlePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const article = useArticle(id);
  let page;
  if (id === undefined) page = <ArticleEditor article={null} newLocale={asLocale(params.get("locale")) ?? currentLocale()} />;
  else if (article.error instanceof ApiError && article.error.status === 404) page = <NotFound what={t("knowledgeBase.notFound")} />;
  else if (article.isError) page = <LoadError error={article.error} onRetry={() => void article.refetch()} />;
  else if (article.isPending) page = <Loading />;
  else if (article.data.editable) page = <ArticleEditor key={article.data.id} article={article.data} newLocale={article.data.locale} />;
  else page = <ArticleReader article={article.data} />;
  return <KnowledgeBaseFrame>{page}</KnowledgeBaseFrame>;
}

import { ActionIcon, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { IconArrowDown, IconArrowUp } from "@tabler/icons-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ArticleCategoryDto, LOCALES, type CreateArticleCategoryBody, type Locale, type UpdateArticleCategoryBody } from "@atende/shared";
import { api } from "../../api/client.js";
import { showError } from "../../api/errors.js";
import { showFormError } from "../../api/form-errors.js";
import { useConfirmation } from "../../components/confirm-dialog.js";
import { LoadError } from "../../components/load-error.js";
import { CardTable, EditDeleteButtons } from "../../components/card-table.js";
import { currentLocale, LOCALE_NAMES } from "../../i18n.js";
import { useSignedIn } from "../auth/use-session.js";
import { articleKeys } from "./keys.js";
import { KnowledgeBaseFrame } from "./kb-frame.js";
import { categoryName, mayWriteArticles, useCategories } from "./queries.js";
import { localeCode } from "./translation-badges.js";
import { GrowingTextarea } from "../../components/growing-textarea.js";
import { Loading } from "../../components/loading.js";

/** A category's form: a name and a description per language (empty ones left out), and its address. */
type CategoryForm = { names: Record<Locale, string>; descriptions: Record<Locale, string>; slug: string };

const perLocale = (values: Partial<Record<Locale, string>> = {}) => Object.fromEntries(LOCALES.map((l) => [l, values[l] ?? ""])) as Record<Locale, string>; // every locale filled just above
const filled = (values: Record<Locale, string>) => Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, v.trim()]));

function useCategoryChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateArticleCategoryBody }) => api(ArticleCategoryDto, `/article-categories/${id}`, { method: "PATCH", body }),
    onSettled: () => client.invalidateQueries({ queryKey: articleKeys.categories }),
  });
}

/** A category's names, descriptions and address, changed in a dialog. */
function EditCategory({ category, onClose }: { category: ArticleCategoryDto; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useCategoryChange();
  const form = useForm<CategoryForm>({ defaultValues: { names: perLocale(category.names), descriptions: perLocale(category.descriptions), slug: category.slug } });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    void change
      .mutateAsync({ id: category.id, body: { names: filled(values.names), descriptions: filled(values.descriptions), ...(values.slug.trim() ? { slug: values.slug.trim() } : {}) } })
      .then(
        () => {
          notifications.show({ color: "green", message: t("knowledgeBase.categories.saved") });
          onClose();
        },
        (error: unknown) => { showFormError(form, error); },
      );
  });
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack gap="sm">
        {LOCALES.map((l) => (
          <Stack key={l} gap={4}>
            <TextInput label={t("knowledgeBase.categories.nameIn", { language: LOCALE_NAMES[l] })} lang={l} {...form.register(`names.${l}`)} error={errors.names?.[l]?.message} />
            <GrowingTextarea label={t("knowledgeBase.categories.descriptionIn", { language: LOCALE_NAMES[l] })} lang={l} minRows={1} maxRows={4} {...form.register(`descriptions.${l}`)} error={errors.descriptions?.[l]?.message} />
          </Stack>
        ))}
        {errors.names?.root?.message && (
          <Text c="red" size="sm" role="alert">
            {errors.names.root.message}
          </Text>
        )}
        <TextInput label={t("knowledgeBase.slug")} {...form.register("slug")} error={errors.slug?.message} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={change.isPending}>
            {t("knowledgeBase.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A new category: its name in one language or more. */
function AddCategory() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<{ names: Record<Locale, string> }>({ defaultValues: { names: perLocale() } });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: (body: CreateArticleCategoryBody) => api(ArticleCategoryDto, "/article-categories", { method: "POST", body }),
    onSuccess: () => {
      form.reset({ names: perLocale() });
      notifications.show({ color: "green", message: t("knowledgeBase.categories.added") });
      return client.invalidateQueries({ queryKey: articleKeys.categories });
    },
    onError: (error) => { showFormError(form, error); },
  });
  const submit = form.handleSubmit(({ names }) => {
    const given = filled(names);
    if (Object.keys(given).length === 0) {
      form.setError("names", { message: t("knowledgeBase.categories.nameNeeded") });
      return;
    }
    create.mutate({ names: given });
  });
  const problem = errors.names?.message ?? errors.names?.root?.message;
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t("knowledgeBase.categories.add")}>
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t("knowledgeBase.categories.add")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          {LOCALES.map((l) => (
            <TextInput key={l} label={t("knowledgeBase.categories.nameIn", { language: LOCALE_NAMES[l] })} lang={l} {...form.register(`names.${l}`)} error={errors.names?.[l]?.message} />
          ))}
        </SimpleGrid>
        {problem && (
          <Text c="red" size="sm" role="alert">
            {problem}
          </Text>
        )}
        <Button type="submit" loading={create.isPending} style={{ alignSelf: "flex-start" }}>
          {t("knowledgeBase.categories.addButton")}
        </Button>
      </Stack>
    </form>
  );
}

/**
 * The categories articles are grouped in, in the help center's order: names per language, how many
 * articles each has; writers add, rename, reorder and delete them (their articles stay, in none).
 */
export function CategoriesPage() {
  const { t } = useTranslation();
  const categories = useCategories();
  const writer = mayWriteArticles(useSignedIn().agent.role);
  const change = useCategoryChange();
  const client = useQueryClient();
  const [editing, setEditing] = useState<ArticleCategoryDto | null>(null);
  const locale = currentLocale();
  const items = [...(categories.data?.items ?? [])].sort((a, b) => a.position - b.position);
  const remove = useMutation({
    mutationFn: (id: string) => api(z.null(), `/article-categories/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      notifications.show({ color: "green", message: t("knowledgeBase.categories.deleted") });
      return client.invalidateQueries({ queryKey: articleKeys.all }).then(() => client.invalidateQueries({ queryKey: articleKeys.categories }));
    },
    onError: showError,
  });
  const deletion = useConfirmation(
    (c: ArticleCategoryDto) => ({
      title: t("knowledgeBase.categories.deleteTitle", { name: categoryName(c, locale) }),
      message: t("knowledgeBase.categories.deleteMessage", { count: c.articleCount }),
      confirm: t("knowledgeBase.delete"),
    }),
    (c) => { remove.mutate(c.id); },
  );
  /** Moves a category one place up or down: every category whose place changed is saved with it. */
  const move = async (index: number, by: -1 | 1) => {
    const order = [...items];
    const [moved] = order.splice(index, 1);
    if (!moved) return;
    order.splice(index + by, 0, moved);
    try {
      for (const [position, c] of order.entries()) if (c.position !== position) await change.mutateAsync({ id: c.id, body: { position } });
    } catch (error) {
      showError(error);
    }
  };
  return (
    <KnowledgeBaseFrame>
      <Stack maw={960} gap="md">
        <Title order={1} size="h3">
          {t("knowledgeBase.categories.title")}
        </Title>
        {categories.isError && <LoadError error={categories.error} onRetry={() => void categories.refetch()} />}
        {categories.isPending && <Loading />}
        {categories.isSuccess && items.length === 0 && <Text c="dimmed">{t("knowledgeBase.categories.none")}</Text>}
        {items.length > 0 && (
          <CardTable
            minWidth={560}
            striped
            rows={items}
            rowKey={(c) => c.id}
            columns={[
              writer && {
                name: t("knowledgeBase.categories.order"),
                width: 72,
                value: (c, i) => (
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon variant="subtle" size="sm" disabled={i === 0 || change.isPending} aria-label={t("knowledgeBase.categories.moveUp", { name: categoryName(c, locale) })} onClick={() => void move(i, -1)}>
                      <IconArrowUp size={14} aria-hidden />
                    </ActionIcon>
                    <ActionIcon variant="subtle" size="sm" disabled={i === items.length - 1 || change.isPending} aria-label={t("knowledgeBase.categories.moveDown", { name: categoryName(c, locale) })} onClick={() => void move(i, 1)}>
                      <IconArrowDown size={14} aria-hidden />
                    </ActionIcon>
                  </Group>
                ),
              },
              ...LOCALES.map((l) => ({
                name: LOCALE_NAMES[l],
                header: localeCode(l),
                value: (c: ArticleCategoryDto) =>
                  c.names[l] ?? (
                    <Text span c="dimmed" size="sm">
                      {t("knowledgeBase.missing")}
                    </Text>
                  ),
                lang: (c: ArticleCategoryDto) => (c.names[l] === undefined ? undefined : l),
              })),
              { name: t("knowledgeBase.categories.articles"), value: (c) => c.articleCount },
            ]}
            actions={
              writer && {
                label: t("knowledgeBase.categories.actions"),
                buttons: (c) => (
                  <EditDeleteButtons
                    edit={{ label: t("knowledgeBase.categories.edit", { name: categoryName(c, locale) }), onClick: () => { setEditing(c); } }}
                    remove={{ label: t("knowledgeBase.categories.delete", { name: categoryName(c, locale) }), onClick: () => { deletion.ask(c); } }}
                  />
                ),
              }
            }
          />
        )}
        {writer && <AddCategory />}
      </Stack>
      {deletion.dialog}
      <Modal opened={editing !== null} onClose={() => { setEditing(null); }} title={editing ? t("knowledgeBase.categories.editing", { name: categoryName(editing, locale) }) : ""}>
        {editing && <EditCategory category={editing} onClose={() => { setEditing(null); }} />}
      </Modal>
    </KnowledgeBaseFrame>
  );
}

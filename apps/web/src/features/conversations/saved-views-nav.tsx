import { ActionIcon, Badge, Button, Checkbox, Group, Menu, Modal, NavLink, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBookmark, IconBookmarkPlus, IconDots, IconPencil, IconTrash, IconUsers, IconUsersMinus } from "@tabler/icons-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { z } from "zod";
import { SAVED_VIEW_NAME_MAX, SavedViewName, type SavedViewDto } from "@atende/shared";
import { ApiError } from "../../api/client.js";
import { schemaResolver, showError, showFieldErrors } from "../../api/errors.js";
import { useConfirmation } from "../../components/confirm-dialog.js";
import { LoadError } from "../../components/load-error.js";
import { useSignedIn } from "../auth/use-session.js";
import type { InboxParams } from "./inbox-params.js";
import { plainViewNear, plainViewParams } from "./inbox-query.js";
import { useSavedViewChanges, useSavedViewCounts, useSavedViews } from "./saved-views.js";

/** The dialog's fields, checked by the API's own rules before anything is sent. */
const ViewForm = z.object({ name: SavedViewName, shared: z.boolean() });
type ViewForm = z.input<typeof ViewForm>;

/** What the dialog does: save the list shown as a new view, or rename one. */
type Editing = { mode: "create" } | { mode: "rename"; view: SavedViewDto };

/** The name (and, for a new view, whether the team sees it) in a small form; the server's field errors beside the fields. */
function SavedViewForm({ editing, send, onClose }: { editing: Editing; send: (values: z.output<typeof ViewForm>) => Promise<unknown>; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<ViewForm, unknown, z.output<typeof ViewForm>>({
    resolver: schemaResolver(ViewForm),
    defaultValues: editing.mode === "rename" ? { name: editing.view.name, shared: editing.view.shared } : { name: "", shared: false },
  });
  const [sending, setSending] = useState(false);
  const { errors } = form.formState;
  // The schema's own words are English; an empty name is the one mistake the input allows.
  const nameError = errors.name && (errors.name.type === "required" ? t("savedViews.nameEmpty") : errors.name.message);
  return (
    <form
      onSubmit={(e) =>
        void form.handleSubmit(async (values) => {
          setSending(true);
          try {
            await send(values);
            onClose();
          } catch (error) {
            // Only the name and sharing are this form's; anything else (a filter gone meanwhile) is said as a message.
            const own = error instanceof ApiError && error.fields.every((f) => f.path === "name" || f.path === "shared");
            if (!own || !showFieldErrors(form, error)) showError(error);
          } finally {
            setSending(false);
          }
        })(e)
      }
    >
      <Stack gap="sm">
        <TextInput label={t("savedViews.name")} maxLength={SAVED_VIEW_NAME_MAX} data-autofocus {...form.register("name")} error={nameError} />
        {editing.mode === "create" && <Checkbox label={t("savedViews.shared")} description={t("savedViews.sharedHelp")} {...form.register("shared")} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={sending}>
            {t("settings.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type ItemProps = {
  view: SavedViewDto;
  active: boolean;
  count: number | undefined;
  mine: boolean;
  onRename: () => void;
  onShare: (shared: boolean) => void;
  onDelete: () => void;
};

/** One saved view: a link that shows it, its count, and (for whoever may change it) a menu to rename, share or delete it. */
function SavedViewItem({ view, active, count, mine, onRename, onShare, onDelete }: ItemProps) {
  const { t } = useTranslation();
  return (
    <Group gap={2} wrap="nowrap">
      <NavLink
        component={Link}
        to={`/?savedView=${view.id}`}
        active={active}
        aria-current={active ? "page" : undefined}
        label={view.name}
        title={view.name}
        noWrap
        style={{ flex: 1, minWidth: 0 }}
        leftSection={
          view.shared ? (
            <IconUsers size={16} role="img" aria-label={t("savedViews.sharedIcon")} title={t("savedViews.sharedIcon")} />
          ) : (
            <IconBookmark size={16} aria-hidden />
          )
        }
        rightSection={
          count === undefined ? null : (
            <Badge size="sm" variant={active ? "filled" : "light"} circle={count < 10} aria-label={String(count)}>
              {count}
            </Badge>
          )
        }
      />
      {view.editable && (
        // No focus placeholder: it is a focusable "presentation" inside the menu (axe), and the first item takes focus as menus do.
        <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t("savedViews.actions", { name: view.name })}>
              <IconDots size={16} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={onRename}>
              {t("savedViews.rename")}
            </Menu.Item>
            {mine && (
              <Menu.Item
                leftSection={view.shared ? <IconUsersMinus size={16} aria-hidden /> : <IconUsers size={16} aria-hidden />}
                onClick={() => { onShare(!view.shared); }}
              >
                {view.shared ? t("savedViews.unshare") : t("savedViews.share")}
              </Menu.Item>
            )}
            {/* Red text on the menu would be too faint to read (WCAG AA); the icon says it. */}
            <Menu.Item leftSection={<IconTrash size={16} color="var(--mantine-color-red-text)" aria-hidden />} onClick={onDelete}>
              {t("savedViews.delete")}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}

/**
 * The saved views under the built-in ones: the agent's own and the team's shared ones (marked), each
 * with its count; "Save current view" when the list has filters or an order of its own.
 */
export function SavedViewsNav({ inbox }: { inbox: InboxParams }) {
  const { t } = useTranslation();
  const me = useSignedIn().agent;
  const navigate = useNavigate();
  const views = useSavedViews();
  const counts = useSavedViewCounts((views.data?.length ?? 0) > 0);
  const { create, update, remove } = useSavedViewChanges();
  const [editing, setEditing] = useState<Editing | null>(null);
  const activeId = inbox.savedView?.id;
  const deletion = useConfirmation(
    (view: SavedViewDto) => ({
      title: t("savedViews.deleteTitle", { name: view.name }),
      message: view.shared ? t("savedViews.deleteSharedMessage") : t("savedViews.deleteMessage"),
      confirm: t("savedViews.delete"),
    }),
    (view) => {
      remove.mutate(view.id, {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("savedViews.deleted") });
          // The list shown stays, as the filters it was made of.
          if (view.id === activeId) void navigate(`/?${plainViewParams(plainViewNear(view.filters)).toString()}`);
        },
        onError: showError,
      });
    },
  );
  const send = async (values: z.output<typeof ViewForm>) => {
    if (editing?.mode === "rename") {
      await update.mutateAsync({ id: editing.view.id, changes: { name: values.name } });
      notifications.show({ color: "green", message: t("settings.saved") });
      return;
    }
    if (!inbox.query) return;
    const saved = await create.mutateAsync({ name: values.name, shared: values.shared, filters: inbox.query });
    notifications.show({ color: "green", message: t("savedViews.saved") });
    void navigate(`/?savedView=${saved.id}`);
  };
  const close = () => { setEditing(null); };
  return (
    <Stack gap={4}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs">
        {t("savedViews.title")}
      </Text>
      {views.isError && <LoadError error={views.error} onRetry={() => void views.refetch()} />}
      {views.data?.length === 0 && (
        <Text size="xs" c="dimmed" px="xs">
          {t("savedViews.empty")}
        </Text>
      )}
      <div>
        {views.data?.map((view) => (
          <SavedViewItem
            key={view.id}
            view={view}
            active={view.id === activeId}
            count={counts.data?.[view.id]}
            mine={view.owner.id === me.id}
            onRename={() => { setEditing({ mode: "rename", view }); }}
            onShare={(shared) => {
              update.mutate({ id: view.id, changes: { shared } }, { onSuccess: () => notifications.show({ color: "green", message: t("settings.saved") }), onError: showError });
            }}
            onDelete={() => { deletion.ask(view); }}
          />
        ))}
      </div>
      {inbox.savable && (
        <Button size="xs" variant="light" mx="xs" leftSection={<IconBookmarkPlus size={16} aria-hidden />} onClick={() => { setEditing({ mode: "create" }); }}>
          {t("savedViews.save")}
        </Button>
      )}
      <Modal
        opened={editing !== null}
        onClose={close}
        title={editing?.mode === "rename" ? t("savedViews.renameTitle", { name: editing.view.name }) : t("savedViews.saveTitle")}
        centered
      >
        {editing && <SavedViewForm editing={editing} send={send} onClose={close} />}
      </Modal>
      {deletion.dialog}
    </Stack>
  );
}

import { ActionIcon, Badge, Button, Group, Menu, Modal, NavLink, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBookmark, IconBookmarkPlus, IconDots, IconPencil, IconTrash, IconUsers, IconUsersMinus } from "@tabler/icons-react";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SavedViewDto } from "@atende/shared";
import { showError } from "../../api/errors.js";
import { useConfirmation } from "../../components/confirm-dialog.js";
import { LoadError } from "../../components/load-error.js";
import { useNavigateAfterwards } from "../../components/navigate-afterwards.js";
import { useSignedIn } from "../auth/use-session.js";
import type { InboxParams } from "./inbox-params.js";
import { plainViewNear, plainViewParams } from "./inbox-query.js";
import type { Editing, SavedViewValues } from "./saved-view-form.js";
import { useSavedViewChanges, useSavedViewCounts, useSavedViews } from "./saved-views.js";
import { lazyExport } from "../web-feature.js";

// The form (and the form library) loads when an agent saves or renames a view.
const SavedViewForm = lazyExport(() => import("./saved-view-form.js"), "SavedViewForm");

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
  const afterwards = useNavigateAfterwards();
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
      const navigate = afterwards();
      void remove.mutateAsync(view.id).then(() => {
        notifications.show({ color: "green", message: t("savedViews.deleted") });
        // The list shown stays, as the filters it was made of.
        if (view.id === activeId) navigate(`/?${plainViewParams(plainViewNear(view.filters)).toString()}`);
      }, showError);
    },
  );
  const send = async (values: SavedViewValues) => {
    if (editing?.mode === "rename") {
      await update.mutateAsync({ id: editing.view.id, changes: { name: values.name } });
      notifications.show({ color: "green", message: t("settings.saved") });
      return;
    }
    if (!inbox.query) return;
    const navigate = afterwards();
    const saved = await create.mutateAsync({ name: values.name, shared: values.shared, filters: inbox.query });
    notifications.show({ color: "green", message: t("savedViews.saved") });
    navigate(`/?savedView=${saved.id}`);
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
              void update.mutateAsync({ id: view.id, changes: { shared } }).then(() => notifications.show({ color: "green", message: t("settings.saved") }), showError);
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
        <Suspense>{editing && <SavedViewForm editing={editing} send={send} onClose={close} />}</Suspense>
      </Modal>
      {deletion.dialog}
    </Stack>
  );
}

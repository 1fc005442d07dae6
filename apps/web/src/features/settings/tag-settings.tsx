import { ColorSwatch, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { TagDto } from "@atende/shared";
import { useIsAdmin } from "../auth/use-session.js";
import { CollectionSettings } from "./collection-settings.js";

/** The workspace's tags and their colours; admins add, change and delete them. */
export function TagSettings() {
  const { t } = useTranslation();
  const admin = useIsAdmin();
  const fields = [
    { name: "name", label: t("settings.name") },
    { name: "color", label: t("settings.color"), kind: "color" as const },
  ];
  return (
    <CollectionSettings
      title={t("settings.tags")}
      path="/tags"
      item={TagDto}
      nameOf={(tag) => tag.name}
      editable={admin}
      columns={[
        {
          name: t("settings.name"),
          value: (tag) => (
            <Group gap="xs">
              {tag.color && <ColorSwatch color={tag.color} size={14} aria-hidden />}
              {tag.name}
            </Group>
          ),
        },
      ]}
      fields={fields}
      edit={fields}
    />
  );
}

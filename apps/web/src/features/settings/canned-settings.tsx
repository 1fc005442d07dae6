import { useTranslation } from "react-i18next";
import { CannedResponseDto } from "@atende/shared";
import { useIsAdmin } from "../auth/use-session.js";
import { CollectionSettings } from "./collection-settings.js";

/** The workspace's canned responses, inserted with `/` and their short code; admins add, change and delete them. */
export function CannedSettings() {
  const { t } = useTranslation();
  const admin = useIsAdmin();
  const fields = [
    { name: "shortCode", label: t("settings.shortCode") },
    { name: "title", label: t("settings.title") },
    { name: "body", label: t("settings.body"), kind: "textarea" as const },
  ];
  return (
    <CollectionSettings
      title={t("settings.canned")}
      path="/canned-responses"
      item={CannedResponseDto}
      nameOf={(c) => `/${c.shortCode}`}
      editable={admin}
      columns={[
        { name: t("settings.shortCode"), value: (c) => `/${c.shortCode}` },
        { name: t("settings.title"), value: (c) => c.title },
        { name: t("settings.body"), value: (c) => c.body },
      ]}
      fields={fields}
      edit={fields}
    />
  );
}

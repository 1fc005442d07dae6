import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { CHANNEL_KINDS, InboxDto } from "@atende/shared";
import { useIsAdmin } from "../auth/use-session.js";
import { CollectionSettings } from "./collection-settings.js";
import { InboxEditor } from "./inbox-editor.js";

/** The workspace's inboxes: their channel and address or sites; admins add them and change them in an editor of their own. */
export function InboxSettings() {
  const { t } = useTranslation();
  const admin = useIsAdmin();
  return (
    <CollectionSettings
      title={t("settings.inboxes")}
      path="/inboxes"
      item={InboxDto}
      nameOf={(i) => i.name}
      editable={admin}
      deletable={false}
      edit={(inbox, close) => <InboxEditor inbox={inbox} onClose={close} />}
      columns={[
        { name: t("settings.name"), value: (i) => i.name },
        { name: t("settings.channel"), value: (i) => <Badge variant="light">{t(`channels.${i.channel}`)}</Badge> },
        {
          name: t("settings.details"),
          value: (i) =>
            i.chat ? (
              i.chat.allowedOrigins.join(", ") || t("settings.inbox.anySite")
            ) : (
              <Group gap={6} wrap="nowrap">
                {i.address}
                {i.addressProof?.status === "unverified" && (
                  <Badge size="xs" color="orange" variant="light">
                    {t("settings.inbox.proof.unverified")}
                  </Badge>
                )}
              </Group>
            ),
        },
      ]}
      fields={[
        { name: "name", label: t("settings.name") },
        { name: "channel", label: t("settings.channel"), kind: "select", options: CHANNEL_KINDS.map((c) => ({ value: c, label: t(`channels.${c}`) })) },
        { name: "address", label: t("settings.address") },
      ]}
    />
  );
}

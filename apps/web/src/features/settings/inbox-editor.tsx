import { Drawer, Text, TextInput } from "@mantine/core";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { InboxDto } from "@atende/shared";
import { api } from "../../api/client.js";
import { AddressProof } from "./address-proof.js";
import { EditForm } from "./edit-form.js";
import { inboxChanges, inboxForm, type InboxForm } from "./inbox-form.js";
import { MailServerFields } from "./mail-server-fields.js";
import { WidgetFields } from "./widget-fields.js";
import { GrowingTextarea } from "../../components/growing-textarea.js";

/** An inbox's settings in a drawer: its name, and its e-mail servers and signature or its chat widget. */
export function InboxEditor({ inbox, onClose }: { inbox: InboxDto; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<InboxForm>({ defaultValues: inboxForm(inbox) });
  const errors = form.formState.errors;
  return (
    <Drawer opened onClose={onClose} position="right" size="lg" title={t("settings.editing", { name: inbox.name })}>
      <EditForm
        form={form}
        send={(values) => api(InboxDto, `/inboxes/${inbox.id}`, { method: "PATCH", body: inboxChanges(inbox, values) })}
        refresh={[["settings", "/inboxes"], ["inboxes"]]}
        onClose={onClose}
      >
        <TextInput label={t("settings.name")} {...form.register("name")} error={errors.name?.message} />
        {inbox.channel === "email" && (
          <>
            <Text size="sm">{t("settings.inbox.addressIs", { address: inbox.address ?? "" })}</Text>
            <AddressProof inbox={inbox} />
            <MailServerFields form={form} kind="smtp" stored={inbox.smtp} />
            <MailServerFields form={form} kind="imap" stored={inbox.imap} />
            <GrowingTextarea label={t("settings.inbox.signature")} minRows={2} {...form.register("signature")} error={errors.signature?.message} />
          </>
        )}
        {inbox.chat && <WidgetFields form={form} inboxId={inbox.id} chat={inbox.chat} />}
      </EditForm>
    </Drawer>
  );
}

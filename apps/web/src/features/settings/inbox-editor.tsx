import { Button, Drawer, Group, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { InboxDto } from "@atende/shared";
import { api } from "../../api/client.js";
import { showFieldErrors } from "../../api/field-errors.js";
import { inboxChanges, inboxForm, type InboxForm } from "./inbox-form.js";
import { MailServerFields } from "./mail-server-fields.js";
import { WidgetFields } from "./widget-fields.js";

/** An inbox's settings in a drawer: its name, and its e-mail servers and signature or its chat widget. */
export function InboxEditor({ inbox, onClose }: { inbox: InboxDto; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<InboxForm>({ defaultValues: inboxForm(inbox) });
  const save = useMutation({
    mutationFn: (values: InboxForm) => api(InboxDto, `/inboxes/${inbox.id}`, { method: "PATCH", body: inboxChanges(inbox, values) }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("settings.saved") });
      onClose();
      await Promise.all([client.invalidateQueries({ queryKey: ["settings", "/inboxes"] }), client.invalidateQueries({ queryKey: ["inboxes"] })]);
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifications.show({ color: "red", message: error.message });
    },
  });
  const errors = form.formState.errors;
  return (
    <Drawer opened onClose={onClose} position="right" size="lg" title={t("settings.editing", { name: inbox.name })}>
      <form
        onSubmit={(e) => {
          form.clearErrors(); // the server's errors of the last try, some on no input of their own (allowedOrigins.N)
          void form.handleSubmit((values) => { save.mutate(values); })(e);
        }}
      >
        <Stack>
          <TextInput label={t("settings.name")} {...form.register("name")} error={errors.name?.message} />
          {inbox.channel === "email" && (
            <>
              <Text size="sm">{t("settings.inbox.addressIs", { address: inbox.address ?? "" })}</Text>
              <MailServerFields form={form} kind="smtp" stored={inbox.smtp} />
              <MailServerFields form={form} kind="imap" stored={inbox.imap} />
              <Textarea label={t("settings.inbox.signature")} autosize minRows={2} {...form.register("signature")} error={errors.signature?.message} />
            </>
          )}
          {inbox.chat && <WidgetFields form={form} chat={inbox.chat} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("settings.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("settings.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}

import { Code, ColorInput, Fieldset, Group, Input, SegmentedControl, Select, Stack, TagsInput } from "@mantine/core";
import { Controller, type UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { InboxDto } from "@atende/shared";
import { CopyValue } from "../../components/copy-value.js";
import { IdentitySecret } from "./identity-secret.js";
import type { InboxForm } from "./inbox-form.js";
import { GrowingTextarea } from "../../components/growing-textarea.js";

/** A chat inbox's widget: the snippet for the site, how it looks and greets, the sites allowed to show it, and the secret that proves signed-in users. */
export function WidgetFields({ form, inboxId, chat }: { form: UseFormReturn<InboxForm>; inboxId: string; chat: NonNullable<InboxDto["chat"]> }) {
  const { t } = useTranslation();
  const errors = form.formState.errors;
  const snippet = `<script src="${location.origin}/widget.js" data-inbox="${chat.widgetToken}" async></script>`;
  // The server names the site it refuses by its place in the list: say which one it is.
  const origins = form.getValues("allowedOrigins");
  const originError =
    errors.allowedOrigins?.message ?? origins.map((origin, i) => errors.allowedOrigins?.[i]?.message && `${origin}: ${errors.allowedOrigins[i].message}`).find(Boolean);
  return (
    <Stack>
      <Fieldset legend={t("settings.inbox.snippet")}>
        <Group wrap="nowrap" align="flex-start" gap="xs">
          <Code block style={{ flex: 1 }} tabIndex={0} aria-label={t("settings.inbox.snippet")}>
            {snippet}
          </Code>
          <CopyValue value={snippet} label={t("settings.inbox.copySnippet")} />
        </Group>
      </Fieldset>
      <Fieldset legend={t("settings.inbox.widget")}>
        <Stack gap="sm">
          <Controller
            control={form.control}
            name="widget.color"
            render={({ field: { value, onChange, onBlur, ref } }) => (
              <ColorInput label={t("settings.inbox.color")} format="hex" value={value} onChange={onChange} onBlur={onBlur} ref={ref} error={errors.widget?.color?.message} />
            )}
          />
          <GrowingTextarea label={t("settings.inbox.greeting")} placeholder={t("settings.inbox.defaultText")} minRows={2} {...form.register("widget.greeting")} error={errors.widget?.greeting?.message} />
          <Controller
            control={form.control}
            name="widget.position"
            render={({ field: { value, onChange } }) => (
              <Input.Wrapper label={t("settings.inbox.position")} labelElement="div" id="widget-position">
                <SegmentedControl
                  display="flex"
                  w="fit-content"
                  aria-labelledby="widget-position-label"
                  value={value}
                  onChange={onChange}
                  data={[
                    { value: "right", label: t("settings.inbox.right") },
                    { value: "left", label: t("settings.inbox.left") },
                  ]}
                />
              </Input.Wrapper>
            )}
          />
          <Controller
            control={form.control}
            name="widget.preChat"
            render={({ field: { value, onChange, ref } }) => (
              <Select
                label={t("settings.inbox.preChat")}
                allowDeselect={false}
                value={value}
                onChange={onChange}
                ref={ref}
                data={(["off", "optional", "required"] as const).map((v) => ({ value: v, label: t(`settings.inbox.preChats.${v}`) }))}
              />
            )}
          />
          <GrowingTextarea label={t("settings.inbox.awayMessage")} description={t("settings.inbox.awayHelp")} placeholder={t("settings.inbox.defaultText")} minRows={2} {...form.register("widget.awayMessage")} error={errors.widget?.awayMessage?.message} />
          <Controller
            control={form.control}
            name="allowedOrigins"
            render={({ field: { value, onChange, ref } }) => (
              <TagsInput label={t("settings.inbox.allowedOrigins")} description={t("settings.inbox.originsHelp")} placeholder="https://loja.example" value={value} onChange={onChange} ref={ref} error={originError} />
            )}
          />
        </Stack>
      </Fieldset>
      <IdentitySecret inboxId={inboxId} />
    </Stack>
  );
}

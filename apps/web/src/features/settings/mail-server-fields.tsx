import { Alert, Checkbox, Fieldset, Group, NumberInput, PasswordInput, Switch, TextInput } from "@mantine/core";
import { Controller, useWatch, type UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { InboxDto } from "@atende/shared";
import { mailFailureText } from "../../format.js";
import type { InboxForm } from "./inbox-form.js";

/** One of an e-mail inbox's servers: switched on or off, and its address, port, TLS, user and password (kept unless retyped). */
export function MailServerFields({ form, kind, stored }: { form: UseFormReturn<InboxForm>; kind: "smtp" | "imap"; stored: InboxDto["smtp"] | InboxDto["imap"] }) {
  const { t } = useTranslation();
  const on = useWatch({ control: form.control, name: `${kind}.on` });
  const errors = form.formState.errors[kind];
  const error = stored && "error" in stored && stored.error !== null ? mailFailureText(stored.failure, stored.error) : null;
  return (
    <Fieldset legend={t(`settings.inbox.${kind}`)}>
      <Controller
        control={form.control}
        name={`${kind}.on`}
        render={({ field: { value, onChange, ref } }) => (
          <Switch label={t(`settings.inbox.${kind}On`)} checked={value} onChange={(e) => { onChange(e.currentTarget.checked); }} ref={ref} mb={on ? "sm" : 0} />
        )}
      />
      {error && on && (
        <Alert color="red" role="alert" mb="sm" title={t("settings.inbox.imapError")}>
          {error}
        </Alert>
      )}
      {on && (
        <>
          <Group grow align="flex-start">
            <TextInput label={t("settings.inbox.host")} {...form.register(`${kind}.host`)} error={errors?.host?.message} />
            <Controller
              control={form.control}
              name={`${kind}.port`}
              render={({ field: { value, onChange, onBlur, ref } }) => (
                <NumberInput label={t("settings.inbox.port")} min={1} max={65535} allowDecimal={false} value={value} onChange={onChange} onBlur={onBlur} ref={ref} error={errors?.port?.message} maw={120} />
              )}
            />
          </Group>
          <Controller
            control={form.control}
            name={`${kind}.secure`}
            render={({ field: { value, onChange, ref } }) => (
              <Checkbox my="sm" label={t("settings.inbox.secure")} checked={value} onChange={(e) => { onChange(e.currentTarget.checked); }} ref={ref} />
            )}
          />
          <Group grow align="flex-start">
            <TextInput label={t("settings.inbox.user")} autoComplete="off" {...form.register(`${kind}.user`)} error={errors?.user?.message} />
            <PasswordInput
              label={t("settings.inbox.password")}
              autoComplete="new-password"
              placeholder={stored?.hasPassword ? t("settings.inbox.passwordKept") : undefined}
              {...form.register(`${kind}.password`)}
              error={errors?.password?.message}
            />
          </Group>
          {kind === "imap" && <TextInput mt="sm" label={t("settings.inbox.mailbox")} {...form.register("imap.mailbox")} error={errors?.mailbox?.message} />}
        </>
      )}
    </Fieldset>
  );
}

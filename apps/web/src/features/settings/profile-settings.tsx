import { Avatar, Button, FileButton, Group, PasswordInput, Select, Stack, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { AgentDto, AVAILABILITIES, LOCALES, UpdatedMeDto, type UpdateMeBody } from "@atende/shared";
import { api } from "../../api/client.js";
import { showError } from "../../api/errors.js";
import { showFormError } from "../../api/form-errors.js";
import { currentLocale, LOCALE_NAMES, setLocale } from "../../i18n.js";
import { storeSignedInAgent, useSignedIn } from "../auth/use-session.js";

type ProfileForm = Required<Pick<UpdateMeBody, "name" | "availability" | "locale">> & { password: string; currentPassword: string };

/** The agent's own profile: name, language, availability and password. */
export function ProfileSettings() {
  const { t } = useTranslation();
  const { agent } = useSignedIn();
  const client = useQueryClient();
  const form = useForm<ProfileForm>({
    // Until the agent chooses a language, the app's (their browser's) is shown, and saved only once they pick one.
    defaultValues: { name: agent.name, availability: agent.availability, locale: agent.locale ?? currentLocale(), password: "", currentPassword: "" },
  });
  const save = useMutation({
    mutationFn: ({ password, currentPassword, locale, ...profile }: ProfileForm) =>
      api(UpdatedMeDto, "/me", {
        method: "PATCH",
        body: {
          ...profile,
          ...(agent.locale !== null || form.formState.dirtyFields.locale ? { locale } : {}),
          ...(password ? { password, currentPassword } : {}),
        } satisfies UpdateMeBody,
      }),
    onSuccess: ({ otherSessionsEnded, ...saved }) => {
      storeSignedInAgent(client, saved);
      if (saved.locale) setLocale(saved.locale);
      form.reset({ name: saved.name, availability: saved.availability, locale: saved.locale ?? currentLocale(), password: "", currentPassword: "" });
      // A new password signs out the agent's other sessions: say how many.
      const message = otherSessionsEnded === undefined ? t("settings.saved") : t("settings.passwordChanged", { count: otherSessionsEnded });
      notifications.show({ color: "green", message });
    },
    onError: (error) => { showFormError(form, error); },
  });
  const errors = form.formState.errors;
  const [avatarVersion, setAvatarVersion] = useState(0);
  const picture = useMutation({
    mutationFn: (file: File | null) => api(AgentDto, "/me/avatar", file ? { method: "PUT", body: file } : { method: "DELETE" }),
    onSuccess: (saved) => {
      storeSignedInAgent(client, saved);
      setAvatarVersion(Date.now()); // the picture's address stays the same: show the new one
    },
    onError: showError,
  });
  return (
    <form
      onSubmit={(e) =>
        void form.handleSubmit((values) => {
          save.mutate(values);
        })(e)
      }
    >
      <Stack maw={420}>
        <Title order={2} size="h4">
          {t("settings.profile")}
        </Title>
        <Group>
          <Avatar src={`${agent.avatarUrl}?v=${String(avatarVersion)}`} size="lg" alt={agent.name} />
          <FileButton accept="image/png,image/jpeg,image/webp,image/gif" onChange={(file) => { if (file) picture.mutate(file); }}>
            {(props) => (
              <Button variant="default" size="xs" loading={picture.isPending} {...props}>
                {t("settings.picture")}
              </Button>
            )}
          </FileButton>
          <Button variant="subtle" size="xs" onClick={() => { picture.mutate(null); }}>
            {t("settings.removePicture")}
          </Button>
        </Group>
        <TextInput label={t("settings.name")} {...form.register("name")} error={errors.name?.message} />
        <Controller
          control={form.control}
          name="locale"
          render={({ field }) => (
            <Select label={t("app.language")} data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))} allowDeselect={false} {...field} error={errors.locale?.message} />
          )}
        />
        <Controller
          control={form.control}
          name="availability"
          render={({ field }) => (
            <Select label={t("settings.availability")} data={AVAILABILITIES.map((a) => ({ value: a, label: t(`settings.availabilities.${a}`) }))} allowDeselect={false} {...field} error={errors.availability?.message} />
          )}
        />
        <PasswordInput label={t("settings.newPassword")} autoComplete="new-password" {...form.register("password")} error={errors.password?.message} />
        <PasswordInput label={t("settings.currentPassword")} autoComplete="current-password" {...form.register("currentPassword")} error={errors.currentPassword?.message} />
        <Button type="submit" loading={save.isPending} style={{ alignSelf: "flex-start" }}>
          {t("settings.save")}
        </Button>
      </Stack>
    </form>
  );
}

import { Button, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { LOCALES, UpdateWorkspaceBody, WorkspaceDto, type SessionDto } from "@atende/shared";
import { api } from "../../api/client.js";
import { schemaResolver, showFormError } from "../../api/form-errors.js";
import { LoadError } from "../../components/load-error.js";
import { currentLocale, LOCALE_NAMES } from "../../i18n.js";
import { SESSION_KEY } from "../auth/use-session.js";
import { Loading } from "../../components/loading.js";

const WORKSPACE_KEY = ["settings", "/workspace"] as const;

/** The form has every field, checked by the API's own rules; it sends the ones the admin changed. */
const WorkspaceForm = UpdateWorkspaceBody.required();
type WorkspaceForm = z.input<typeof WorkspaceForm>;

const formValues = ({ name, timeZone, defaultLocale, brandColor, logoUrl }: WorkspaceDto): WorkspaceForm => ({ name, timeZone, defaultLocale, brandColor, logoUrl });

/** The browser's time zones (UTC too, which Chromium leaves out) and the workspace's, whatever this browser calls it. */
function timeZoneOptions(current: string) {
  const names = [...new Set([...Intl.supportedValuesOf("timeZone"), "UTC", current])].sort();
  return names.map((name) => ({ value: name, label: name.replaceAll("_", " ") }));
}

/** "Tuesday 14:32 GMT+1" in the app's language: the time now in `timeZone`; null when this browser does not know the zone. */
function timeIn(timeZone: string, now: Date): string | null {
  try {
    return new Intl.DateTimeFormat(currentLocale(), { timeZone, weekday: "long", hour: "numeric", minute: "2-digit", timeZoneName: "shortOffset" }).format(now);
  } catch {
    return null;
  }
}

/** The time now, again every 15 seconds: a clock that is at most that late. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => { setNow(new Date()); }, 15_000);
    return () => { clearInterval(timer); };
  }, []);
  return now;
}

/** The workspace's name, time zone and default language (admins only: the section is shown to them alone). */
export function WorkspaceSettings() {
  const workspace = useQuery({ queryKey: WORKSPACE_KEY, queryFn: () => api(WorkspaceDto, "/workspace") });
  if (workspace.isPending) return <Loading m="md" />;
  if (workspace.isError) return <LoadError error={workspace.error} onRetry={() => void workspace.refetch()} />;
  return <WorkspaceEditor workspace={workspace.data} />;
}

function WorkspaceEditor({ workspace }: { workspace: WorkspaceDto }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<WorkspaceForm, unknown, z.output<typeof WorkspaceForm>>({ resolver: schemaResolver(WorkspaceForm), defaultValues: formValues(workspace) });
  const save = useMutation({
    mutationFn: (body: UpdateWorkspaceBody) => api(WorkspaceDto, "/workspace", { method: "PATCH", body }),
    onSuccess: async (saved) => {
      client.setQueryData(WORKSPACE_KEY, saved);
      form.reset(formValues(saved));
      notifications.show({ color: "green", message: t("settings.saved") });
      // Everything that reads the workspace from the session: updated now, then read again from the server.
      client.setQueryData<SessionDto>(SESSION_KEY, (old) => (old ? { ...old, workspace: saved } : old));
      await client.invalidateQueries({ queryKey: SESSION_KEY });
    },
    onError: (error) => { showFormError(form, error); },
  });
  const { errors, dirtyFields, isDirty } = form.formState;
  const zones = useMemo(() => timeZoneOptions(workspace.timeZone), [workspace.timeZone]);
  const now = useNow();
  const timeZone = form.watch("timeZone");
  const there = timeIn(timeZone, now);
  // The schema's own words are English; an empty name is the one mistake these inputs allow.
  const nameError = errors.name && (errors.name.type === "required" ? t("settings.workspaceForm.nameEmpty") : errors.name.message);
  return (
    <form
      onSubmit={(e) =>
        void form.handleSubmit((values) => {
          // Only what this admin changed: another admin's change to the other fields stays.
          const changed: UpdateWorkspaceBody = {
            ...(dirtyFields.name ? { name: values.name } : {}),
            ...(dirtyFields.timeZone ? { timeZone: values.timeZone } : {}),
            ...(dirtyFields.defaultLocale ? { defaultLocale: values.defaultLocale } : {}),
          };
          if (Object.keys(changed).length > 0) save.mutate(changed);
        })(e)
      }
    >
      <Stack maw={420}>
        <Title order={2} size="h4">
          {t("settings.workspace")}
        </Title>
        <TextInput label={t("settings.workspaceForm.name")} maxLength={100} {...form.register("name")} error={nameError} />
        <Controller
          control={form.control}
          name="timeZone"
          render={({ field }) => (
            <Select
              label={t("settings.workspaceForm.timeZone")}
              description={t("settings.workspaceForm.timeZoneHelp")}
              data={zones}
              searchable
              nothingFoundMessage={t("settings.workspaceForm.noTimeZone")}
              allowDeselect={false}
              {...field}
              error={errors.timeZone?.message}
            />
          )}
        />
        {there && (
          <Text size="sm" c="dimmed" mt={-8}>
            {t("settings.workspaceForm.timeThere", { time: there })}
          </Text>
        )}
        <Controller
          control={form.control}
          name="defaultLocale"
          render={({ field }) => (
            <Select
              label={t("settings.workspaceForm.defaultLocale")}
              description={t("settings.workspaceForm.defaultLocaleHelp")}
              data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
              allowDeselect={false}
              {...field}
              error={errors.defaultLocale?.message}
            />
          )}
        />
        <Button type="submit" loading={save.isPending} disabled={!isDirty} style={{ alignSelf: "flex-start" }}>
          {t("settings.save")}
        </Button>
      </Stack>
    </form>
  );
}

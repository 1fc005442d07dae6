import { Alert, Button, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ApiTokenDto, CreatedApiTokenDto, type CreateApiTokenBody } from "@atende/shared";
import { api } from "../../api/client.js";
import { showError } from "../../api/errors.js";
import { showFormError } from "../../api/form-errors.js";
import { useConfirmation } from "../../components/confirm-dialog.js";
import { CopyValue } from "../../components/copy-value.js";
import { LoadError } from "../../components/load-error.js";
import { Loading } from "../../components/loading.js";
import { CardTable } from "../../components/card-table.js";
import { dateTime, relativeTime } from "../../format.js";

const TOKENS_KEY = ["settings", "/api-tokens"] as const;

/**
 * The agent's own API tokens, for integrations (an SMS bridge, a script): each acts as the agent who
 * made it. A new token is shown once, to copy; a token can be revoked, and stops working at once.
 */
export function ApiTokenSettings() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: () => api(z.array(ApiTokenDto), "/api-tokens") });
  const [created, setCreated] = useState<CreatedApiTokenDto | null>(null);
  const form = useForm<CreateApiTokenBody>({ defaultValues: { name: "" } });
  const create = useMutation({
    mutationFn: (body: CreateApiTokenBody) => api(CreatedApiTokenDto, "/api-tokens", { method: "POST", body }),
    onSuccess: (token) => {
      setCreated(token);
      form.reset({ name: "" });
      return client.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (error) => { showFormError(form, error); },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(z.null(), `/api-tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
    onError: showError,
  });
  const revocation = useConfirmation(
    (token: ApiTokenDto) => ({ title: t("settings.apiTokens.revokeTitle", { name: token.name }), message: t("settings.apiTokens.revokeWarning"), confirm: t("settings.apiTokens.revoke") }),
    (token) => { revoke.mutate(token.id); },
  );
  return (
    <Stack maw={720}>
      <Title order={2} size="h4">
        {t("settings.apiTokens.title")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("settings.apiTokens.help")}
      </Text>
      {created?.token && (
        <Alert color="green" title={t("settings.apiTokens.created", { name: created.name })} role="status">
          <Stack gap={6}>
            <Text size="sm">{t("settings.apiTokens.copyNow")}</Text>
            <Group gap="xs" wrap="nowrap">
              <Text ff="monospace" size="sm" style={{ overflowWrap: "anywhere" }} data-testid="new-token">
                {created.token}
              </Text>
              <CopyValue value={created.token} label={t("settings.apiTokens.copy")} />
            </Group>
          </Stack>
        </Alert>
      )}
      {tokens.isError && <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.isPending && <Loading />}
      {tokens.data && tokens.data.length > 0 && (
        <CardTable
          minWidth={480}
          striped
          rows={tokens.data}
          rowKey={(token) => token.id}
          columns={[
            { name: t("settings.name"), value: (token) => token.name },
            { name: t("settings.apiTokens.createdAt"), value: (token) => <span title={dateTime(token.createdAt)}>{relativeTime(token.createdAt)}</span> },
            { name: t("settings.apiTokens.lastUsed"), value: (token) => (token.lastUsedAt ? relativeTime(token.lastUsedAt) : t("settings.apiTokens.never")) },
          ]}
          actions={{
            label: t("settings.rowActions"),
            buttons: (token) => (
              <Button size="compact-xs" variant="light" color="red" loading={revoke.isPending && revoke.variables === token.id} onClick={() => { revocation.ask(token); }}>
                {t("settings.apiTokens.revoke")}
              </Button>
            ),
          }}
        />
      )}
      {tokens.data?.length === 0 && <Text c="dimmed">{t("settings.empty")}</Text>}
      <form onSubmit={(e) => void form.handleSubmit((values) => { create.mutate(values); })(e)}>
        <Group align="flex-start" gap="sm">
          <TextInput label={t("settings.apiTokens.name")} placeholder={t("settings.apiTokens.namePlaceholder")} {...form.register("name")} error={form.formState.errors.name?.message} />
          <Button type="submit" mt={25} loading={create.isPending}>
            {t("settings.apiTokens.create")}
          </Button>
        </Group>
      </form>
      {revocation.dialog}
    </Stack>
  );
}

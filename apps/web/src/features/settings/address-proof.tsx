import { Alert, Badge, Button, Code, Fieldset, Group, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { InboxDto, type ConfirmAddressProofBody, type StartAddressProofBody } from "@atende/shared";
import { api, ApiError } from "../../api/client.js";
import { CopyValue } from "../../components/copy-value.js";
import { showError } from "../../api/errors.js";

/**
 * Whether an e-mail inbox's address is proven, and proving it: a code mailed to the address (by
 * Atende's own mail server) or a DNS TXT record on its domain. Until then it receives no mail.
 */
export function AddressProof({ inbox }: { inbox: InboxDto }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [proof, setProof] = useState(inbox.addressProof);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string | null>(null);
  const done = (saved: InboxDto) => {
    setProof(saved.addressProof);
    void client.invalidateQueries({ queryKey: ["settings", "/inboxes"] });
  };
  const start = useMutation({
    mutationFn: (body: StartAddressProofBody) => api(InboxDto, `/inboxes/${inbox.id}/address-proof`, { method: "POST", body }),
    onSuccess: done,
    onError: showError,
  });
  const confirm = useMutation({
    mutationFn: (body: ConfirmAddressProofBody) => api(InboxDto, `/inboxes/${inbox.id}/address-proof/confirm`, { method: "POST", body }),
    onSuccess: (saved) => {
      done(saved);
      notifications.show({ color: "green", message: t("settings.inbox.proof.proven") });
    },
    onError: (error) => {
      const field = error instanceof ApiError ? error.fields[0] : undefined;
      if (field?.path === "code") setCodeError(field.message);
      else showError(error);
    },
  });
  if (!proof || !inbox.address) return null;
  if (proof.status === "verified") {
    return (
      <Group gap="xs">
        <Badge color="green" variant="light">
          {t("settings.inbox.proof.verified")}
        </Badge>
        <Text size="xs" c="dimmed">
          {t(`settings.inbox.proof.by.${proof.method ?? "existing"}`)}
        </Text>
      </Group>
    );
  }
  return (
    <Fieldset legend={t("settings.inbox.proof.title")}>
      <Stack gap="sm">
        <Alert color="orange" role="status">
          {t("settings.inbox.proof.pending", { address: inbox.address })}
        </Alert>
        <Group gap="xs">
          <Button size="xs" variant="default" disabled={!proof.codeAvailable} loading={start.isPending && start.variables.method === "code"} onClick={() => { start.mutate({ method: "code" }); }}>
            {t("settings.inbox.proof.sendCode", { address: inbox.address })}
          </Button>
          <Button size="xs" variant="default" loading={start.isPending && start.variables.method === "dns"} onClick={() => { start.mutate({ method: "dns" }); }}>
            {t("settings.inbox.proof.useDns")}
          </Button>
        </Group>
        {!proof.codeAvailable && (
          <Text size="xs" c="dimmed">
            {t("settings.inbox.proof.needsSystemMail")}
          </Text>
        )}
        {proof.codeSentAt && (
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              label={t("settings.inbox.proof.code", { address: inbox.address })}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => {
                setCode(e.currentTarget.value);
                setCodeError(null);
              }}
              error={codeError}
              style={{ flex: 1 }}
            />
            <Button size="sm" loading={confirm.isPending} onClick={() => { confirm.mutate({ method: "code", code: code.trim() }); }}>
              {t("settings.inbox.proof.confirm")}
            </Button>
          </Group>
        )}
        {proof.dnsRecord && (
          <Stack gap={4}>
            <Text size="sm">{t("settings.inbox.proof.dnsHelp")}</Text>
            {[
              [t("settings.inbox.proof.recordName"), proof.dnsRecord.name],
              [t("settings.inbox.proof.recordValue"), proof.dnsRecord.value],
            ].map(([label = "", value = ""]) => (
              <Group key={label} gap={4} wrap="nowrap">
                <Text size="xs" w={90}>
                  {label}
                </Text>
                <Code style={{ overflowWrap: "anywhere" }}>{value}</Code>
                <CopyValue value={value} label={t("settings.inbox.proof.copy", { what: label })} />
              </Group>
            ))}
            <Button size="xs" style={{ alignSelf: "flex-start" }} loading={confirm.isPending} onClick={() => { confirm.mutate({ method: "dns" }); }}>
              {t("settings.inbox.proof.checkDns")}
            </Button>
          </Stack>
        )}
      </Stack>
    </Fieldset>
  );
}

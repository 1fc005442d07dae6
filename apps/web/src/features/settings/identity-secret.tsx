import { Alert, Button, Fieldset, Group, PasswordInput, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { InboxDto } from "@atende/shared";
import { api } from "../../api/client.js";
import { CopyValue } from "../../components/copy-value.js";
import { showError } from "../../api/errors.js";

/**
 * A chat inbox's identity secret. The server shows a secret once, in the answer that makes it; here
 * an admin makes a new one (after being told what that does) and copies it while it is on screen.
 */
export function IdentitySecret({ inboxId }: { inboxId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const replace = useMutation({
    mutationFn: () => api(InboxDto, `/inboxes/${inboxId}/identity-secret`, { method: "POST" }),
    onSuccess: async (inbox) => {
      setSecret(inbox.chat?.identitySecret ?? "");
      setConfirming(false);
      notifications.show({ color: "green", message: t("settings.inbox.secretReplaced") });
      await client.invalidateQueries({ queryKey: ["settings", "/inboxes"] });
    },
    onError: showError,
  });
  return (
    <Fieldset legend={t("settings.inbox.identity")}>
      <Stack gap="sm">
        {secret === null ? (
          <Text size="sm">
            {t("settings.inbox.identityHelp")} {t("settings.inbox.secretShownOnce")}
          </Text>
        ) : (
          <Group wrap="nowrap" align="flex-end" gap="xs">
            <PasswordInput readOnly label={t("settings.inbox.identitySecret")} description={t("settings.inbox.copyNow")} value={secret} style={{ flex: 1 }} />
            <CopyValue value={secret} label={t("settings.inbox.copySecret")} />
          </Group>
        )}
        {confirming ? (
          <Alert color="orange" role="alert" title={t("settings.inbox.replaceSecret")}>
            <Stack gap="xs" align="flex-start">
              {t("settings.inbox.replaceWarning")}
              <Group gap="xs">
                <Button size="xs" color="orange.9" loading={replace.isPending} onClick={() => { replace.mutate(); }}>
                  {t("settings.inbox.replaceConfirm")}
                </Button>
                <Button size="xs" variant="default" onClick={() => { setConfirming(false); }}>
                  {t("settings.cancel")}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Button size="xs" variant="default" style={{ alignSelf: "flex-start" }} onClick={() => { setConfirming(true); }}>
            {t("settings.inbox.replaceSecret")}
          </Button>
        )}
      </Stack>
    </Fieldset>
  );
}

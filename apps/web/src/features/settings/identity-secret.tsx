import { Alert, Button, Fieldset, Group, PasswordInput, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { InboxDto } from "@atende/shared";
import { api } from "../../api/client.js";
import { CopyValue } from "../../components/copy-value.js";

/** A chat inbox's identity secret: shown on request, copied, and replaced (after saying what that does) when it may have leaked. */
export function IdentitySecret({ inboxId, secret: initial }: { inboxId: string; secret: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [secret, setSecret] = useState(initial);
  const [confirming, setConfirming] = useState(false);
  const replace = useMutation({
    mutationFn: () => api(InboxDto, `/inboxes/${inboxId}/identity-secret`, { method: "POST" }),
    onSuccess: async (inbox) => {
      setSecret(inbox.chat?.identitySecret ?? "");
      setConfirming(false);
      notifications.show({ color: "green", message: t("settings.inbox.secretReplaced") });
      await client.invalidateQueries({ queryKey: ["settings", "/inboxes"] });
    },
    onError: (error) => notifications.show({ color: "red", message: error.message }),
  });
  return (
    <Fieldset legend={t("settings.inbox.identity")}>
      <Stack gap="sm">
        <Group wrap="nowrap" align="flex-end" gap="xs">
          <PasswordInput readOnly label={t("settings.inbox.identitySecret")} description={t("settings.inbox.identityHelp")} value={secret} style={{ flex: 1 }} />
          <CopyValue value={secret} label={t("settings.inbox.copySecret")} />
        </Group>
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

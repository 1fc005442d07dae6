import { Alert, Button, Group, Modal, Radio, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConversationDto, page } from "@atende/shared";
import { api } from "../../api/client.js";
import { showError } from "../../api/errors.js";
import { dateTime } from "../../format.js";
import { contactName } from "../contacts/contact-name.js";
import { conversationKeys } from "./queries.js";

/**
 * Merges another conversation of the same customer into the one shown: its messages join this
 * timeline in time order, and it is resolved, pointing here. Says what will happen before it does.
 */
export function MergeConversation({ conversation: c, onClose }: { conversation: ConversationDto; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [otherId, setOtherId] = useState<string | null>(null);
  const theirs = useQuery({
    queryKey: ["contacts", c.contact.id, "conversations"],
    queryFn: () => api(page(ConversationDto), `/contacts/${c.contact.id}/conversations?status=all&limit=50`),
  });
  const candidates = (theirs.data?.items ?? []).filter((o) => o.id !== c.id && o.mergedIntoId === null);
  const other = candidates.find((o) => o.id === otherId);
  const merge = useMutation({
    mutationFn: (from: ConversationDto) => api(ConversationDto, `/conversations/${c.id}/merge`, { method: "POST", body: { otherId: from.id } }),
    onSuccess: async (into, from) => {
      onClose();
      notifications.show({ color: "green", message: t("merge.done", { from: from.number, into: into.number }) });
      await client.invalidateQueries({ queryKey: conversationKeys.all });
      await client.invalidateQueries({ queryKey: conversationKeys.messages(c.id) });
    },
    onError: showError,
  });
  return (
    <Modal opened onClose={onClose} title={t("merge.title", { number: c.number })}>
      <Stack gap="sm">
        {theirs.isSuccess && candidates.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("merge.none", { name: contactName(c.contact, t) })}
          </Text>
        ) : (
          <Radio.Group label={t("merge.pick", { name: contactName(c.contact, t) })} value={otherId} onChange={setOtherId}>
            <Stack gap={6} mt={6}>
              {candidates.map((o) => (
                <Radio
                  key={o.id}
                  value={o.id}
                  label={`#${String(o.number)} ${o.subject ?? o.lastMessage?.preview ?? ""}`.trim()}
                  description={`${t(`statuses.${o.status}`)} · ${dateTime(o.lastActivityAt)}`}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {other && (
          <Alert color="orange" role="alert">
            <Text size="sm">{t("merge.warning", { from: other.number, into: c.number })}</Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t("settings.cancel")}
          </Button>
          <Button color="orange.9" disabled={!other} loading={merge.isPending} onClick={() => { if (other) merge.mutate(other); }}>
            {t("merge.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ContactDto, page } from "@atende/shared";
import { api } from "../../api/client.js";
import { contactName } from "./contact-name.js";
import { showError } from "../../api/errors.js";

/** "Merge into…" beside a contact: the dialog is drawn only once asked for. */
export function MergeContact({ contact }: { contact: ContactDto }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button size="xs" variant="subtle" style={{ alignSelf: "flex-start" }} onClick={() => { setOpened(true); }}>
        {t("contact.mergeInto")}
      </Button>
      {opened && <MergeContactDialog contact={contact} onClose={() => { setOpened(false); }} />}
    </>
  );
}

/**
 * Merges the contact shown into another one the agent is sure is the same customer (found by name,
 * e-mail or phone; the address the customer gave unproven is looked for first): its conversations
 * and chats move there, and it is deleted, after saying so.
 */
function MergeContactDialog({ contact, onClose }: { contact: ContactDto; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [search, setSearch] = useState(contact.unverifiedEmail ?? "");
  const [query] = useDebouncedValue(search.trim(), 250);
  const [targetId, setTargetId] = useState<string | null>(null);
  const found = useQuery({
    queryKey: ["contacts", "search", query],
    queryFn: () => api(page(ContactDto), `/contacts?limit=10&q=${encodeURIComponent(query)}`),
    enabled: query.length > 0,
  });
  const candidates = (found.data?.items ?? []).filter((c) => c.id !== contact.id);
  const target = candidates.find((c) => c.id === targetId);
  const merge = useMutation({
    mutationFn: (into: ContactDto) => api(ContactDto, `/contacts/${into.id}/merge`, { method: "POST", body: { otherId: contact.id } }),
    onSuccess: async (into) => {
      onClose();
      notifications.show({ color: "green", message: t("contact.merged", { name: contactName(into, t) }) });
      await client.invalidateQueries({ queryKey: ["conversations"] });
      await client.invalidateQueries({ queryKey: ["contacts"] });
    },
    onError: showError,
  });
  return (
    <Modal opened onClose={onClose} title={t("contact.mergeTitle", { name: contactName(contact, t) })}>
      <Stack gap="sm">
        <TextInput
          label={t("contact.mergeSearch")}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
          }}
          data-autofocus
        />
        <Radio.Group label={t("contact.mergeTarget")} value={targetId} onChange={setTargetId}>
          <Stack gap={6} mt={6}>
            {candidates.map((c) => (
              <Radio key={c.id} value={c.id} label={[contactName(c, t), c.email ?? c.phone].filter(Boolean).join(" · ")} />
            ))}
          </Stack>
        </Radio.Group>
        {query && found.isSuccess && candidates.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("contact.mergeNone")}
          </Text>
        )}
        {target && (
          <Alert color="orange" role="alert">
            <Text size="sm">{t("contact.mergeWarning", { from: contactName(contact, t), into: contactName(target, t) })}</Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t("settings.cancel")}
          </Button>
          <Button color="orange.9" disabled={!target} loading={merge.isPending} onClick={() => { if (target) merge.mutate(target); }}>
            {t("contact.mergeConfirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Button } from "@mantine/core";
import { IconCheck, IconRefresh } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ConversationDto } from "@atende/shared";
import { useUpdateConversation } from "./queries.js";

/** The conversation's main action beside its status: resolve it, or reopen it once resolved. */
export function ResolveButton({ conversation: c }: { conversation: ConversationDto }) {
  const { t } = useTranslation();
  const update = useUpdateConversation();
  if (c.status === "resolved") {
    return (
      <Button size="xs" variant="default" leftSection={<IconRefresh size={14} aria-hidden />} onClick={() => { update.mutate({ id: c.id, changes: { status: "open" } }); }}>
        {t("actions.reopen")}
      </Button>
    );
  }
  return (
    <Button size="xs" color="teal.9" leftSection={<IconCheck size={14} aria-hidden />} onClick={() => { update.mutate({ id: c.id, changes: { status: "resolved" } }); }}>
      {t("actions.resolve")}
    </Button>
  );
}

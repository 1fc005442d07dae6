import { Button } from "@mantine/core";
import { IconMailPlus } from "@tabler/icons-react";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { lazyExport } from "../web-feature.js";
import { useInboxes } from "./conversation-actions.js";

// The rich-text editor loads when an agent starts an e-mail, not with the app.
const NewEmail = lazyExport(() => import("./new-email.js"), "NewEmail");

/** "New e-mail", where the workspace has an e-mail inbox; the composer's state is in the address (`?compose=email`). */
export function NewEmailButton() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const inboxes = useInboxes();
  const emailInboxes = (inboxes.data ?? []).filter((i) => i.channel === "email");
  const opened = params.get("compose") === "email";
  const setOpened = (open: boolean) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (open) next.set("compose", "email");
      else next.delete("compose");
      return next;
    });
  };
  if (emailInboxes.length === 0) return null;
  return (
    <>
      <Button leftSection={<IconMailPlus size={16} aria-hidden />} variant="light" size="sm" mx="xs" onClick={() => { setOpened(true); }}>
        {t("compose.open")}
      </Button>
      {opened && (
        <Suspense fallback={null}>
          <NewEmail inboxes={emailInboxes} onClose={() => { setOpened(false); }} />
        </Suspense>
      )}
    </>
  );
}

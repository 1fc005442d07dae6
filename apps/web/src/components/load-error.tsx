import { Alert, Button, Stack } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { describeError } from "../api/errors.js";

/** What went wrong, in plain words, with a way to try again: nothing fails silently. */
export function LoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} m="md" role="alert">
      <Stack gap="xs" align="flex-start">
        {t("app.loadFailed", { reason: describeError(error) })}
        <Button size="xs" variant="light" color="red" onClick={onRetry}>
          {t("app.retry")}
        </Button>
      </Stack>
    </Alert>
  );
}

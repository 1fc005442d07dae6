import { Button, Group, Stack, TagsInput, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The copies of an e-mail reply the agent chose; null leaves them to reply all. */
export type ChosenCopies = { cc: string[]; bcc: string[] } | null;

type Props = {
  /** Who the reply goes to. */
  to: string;
  /** Who reply all copies (the customer's last mail's other addressees). */
  replyAll: string[];
  value: ChosenCopies;
  onChange: (copies: ChosenCopies) => void;
};

/**
 * Who an e-mail reply goes to, said before it is sent: the customer, and the copies reply all makes
 * (everyone the customer's last mail went to). "Cc / Bcc" lets the agent change the copies and add
 * blind copies; the server then sends to exactly those.
 */
export function ReplyCopies({ to, replyAll, value, onChange }: Props) {
  const { t } = useTranslation();
  if (value === null) {
    return (
      <Group gap="xs" mb={6} wrap="nowrap" justify="space-between">
        <Text size="xs" c="dimmed" truncate>
          {t("composer.to", { to })}
          {replyAll.length > 0 && ` · ${t("composer.copies", { cc: replyAll.join(", ") })}`}
        </Text>
        <Button size="compact-xs" variant="subtle" style={{ flexShrink: 0 }} onClick={() => { onChange({ cc: replyAll, bcc: [] }); }}>
          {t("compose.showCopies")}
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap={6} mb={6}>
      <Text size="xs" c="dimmed">
        {t("composer.to", { to })}
      </Text>
      <TagsInput size="xs" label={t("compose.cc")} value={value.cc} onChange={(cc) => { onChange({ ...value, cc }); }} splitChars={[",", " ", ";"]} clearable />
      <TagsInput size="xs" label={t("compose.bcc")} value={value.bcc} onChange={(bcc) => { onChange({ ...value, bcc }); }} splitChars={[",", " ", ";"]} clearable />
    </Stack>
  );
}

import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { IconMoodEmpty } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** What an address that leads nowhere shows (an unknown page, a conversation that does not exist or is not this workspace's). */
export function NotFound({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <Center h="100%" p="xl">
      <Stack align="center" gap="sm" maw={420}>
        <IconMoodEmpty size={40} aria-hidden color="var(--mantine-color-dimmed)" />
        <Title order={2} size="h3">
          {t("notFound.title")}
        </Title>
        <Text c="dimmed" ta="center">
          {what ?? t("notFound.page")}
        </Text>
        <Button component={Link} to="/" variant="light">
          {t("notFound.back")}
        </Button>
      </Stack>
    </Center>
  );
}

import { Center, Paper, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * The frame of the pages seen before signing in (sign-in, a forgotten password): a card in the
 * middle of the screen, as wide as a phone allows and no wider than a form needs.
 */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100dvh" p="md">
      <Paper withBorder shadow="sm" p={{ base: "lg", xs: "xl" }} w="100%" maw={400} component="main">
        <Stack>
          <Title order={1} size="h3">
            {title}
          </Title>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

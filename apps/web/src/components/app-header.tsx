import { ActionIcon, Alert, AppShell, Button, Group, Kbd, Select, Text, Tooltip, useMantineColorScheme } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { IconKeyboard, IconLogout, IconMoon, IconSearch, IconSun } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { z } from "zod";
import { LOCALES } from "@atende/shared";
import { api } from "../api/client.js";
import { useShell } from "../features/shell-context.js";
import { currentLocale, LOCALE_NAMES, setLocale } from "../i18n.js";
import { useRealtimeOnline } from "../realtime/realtime-context.js";

/** The top bar: the app's name, language, the features' navigation, dark mode, sign out, and a word when the live connection is down. */
export function AppHeader({ onSearch, onHelp }: { onSearch: () => void; onHelp: () => void }) {
  const { t, i18n } = useTranslation();
  const { colorScheme, toggleColorScheme } = useMantineColorScheme();
  const online = useRealtimeOnline();
  const { navigation } = useShell();
  const client = useQueryClient();
  const navigate = useNavigate();
  const signOut = async () => {
    await api(z.null(), "/auth/logout", { method: "POST" });
    client.clear();
    void navigate("/sign-in");
  };
  return (
    <AppShell.Header px="md">
      <Group h="100%" justify="space-between" wrap="nowrap">
        <Group gap="md" wrap="nowrap">
          <Text fw={800} size="lg" component="span">
            {t("app.name")}
          </Text>
          <Button variant="default" size="xs" w={280} justify="space-between" leftSection={<IconSearch size={14} aria-hidden />} rightSection={<Kbd size="xs">/</Kbd>} onClick={onSearch}>
            {t("search.placeholder")}
          </Button>
        </Group>
        {!online && (
          <Alert color="yellow" py={4} variant="light" role="status">
            {t("app.reconnecting")}
          </Alert>
        )}
        <Group gap="xs" wrap="nowrap">
          <Select
            size="xs"
            w={170}
            aria-label={t("app.language")}
            data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
            value={i18n.language}
            allowDeselect={false}
            onChange={(l) => {
              const locale = LOCALES.find((x) => x === l);
              if (locale && locale !== currentLocale()) setLocale(locale);
            }}
          />
          {navigation.map(({ label, icon: Icon, path }) => (
            <Tooltip key={path} label={t(label)}>
              <ActionIcon component={Link} to={path} variant="default" size="lg" aria-label={t(label)}>
                <Icon size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
          ))}
          <Tooltip label={t("app.shortcuts")}>
            <ActionIcon variant="default" size="lg" aria-label={t("app.shortcuts")} onClick={onHelp}>
              <IconKeyboard size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t("app.colorScheme")}>
            <ActionIcon variant="default" size="lg" aria-label={t("app.colorScheme")} aria-pressed={colorScheme === "dark"} onClick={toggleColorScheme}>
              {colorScheme === "dark" ? <IconSun size={18} aria-hidden /> : <IconMoon size={18} aria-hidden />}
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t("app.signOut")}>
            <ActionIcon variant="default" size="lg" aria-label={t("app.signOut")} onClick={() => void signOut()}>
              <IconLogout size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </AppShell.Header>
  );
}

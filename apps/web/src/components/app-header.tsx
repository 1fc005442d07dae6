import { ActionIcon, Alert, AppShell, Avatar, Burger, Button, Group, Indicator, Kbd, Menu, Text, Tooltip, useMantineColorScheme } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { IconKeyboard, IconLogout, IconMoon, IconPlugConnectedX, IconSearch, IconSun } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { z } from "zod";
import { LOCALES } from "@atende/shared";
import { api } from "../api/client.js";
import { useChooseLocale, useSignedIn } from "../features/auth/use-session.js";
import { NotificationsMenu } from "../features/notifications/notifications-menu.js";
import { useShell } from "../features/shell-context.js";
import type { NavigationEntry } from "../features/web-feature.js";
import { currentLocale, LOCALE_NAMES } from "../i18n.js";
import { useRealtimeOnline } from "../realtime/realtime-context.js";

type Props = {
  onSearch: () => void;
  onHelp: () => void;
  /** The page's side navigation, which the burger opens on a phone. */
  navbar?: { opened: boolean; toggle: () => void } | undefined;
};

/**
 * The top bar: the app's and workspace's names, search, the features' navigation and the agent's
 * menu (language, dark mode, shortcuts, sign out), and a word when the live connection is down.
 * At phone width the search is an icon and the side navigation opens from the burger.
 */
export function AppHeader({ onSearch, onHelp, navbar }: Props) {
  const { t } = useTranslation();
  const online = useRealtimeOnline();
  const { navigation } = useShell();
  const { agent, workspace } = useSignedIn();
  return (
    <AppShell.Header px={{ base: "xs", sm: "md" }}>
      <Group h="100%" justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="sm" wrap="nowrap" miw={0}>
          {navbar && <Burger opened={navbar.opened} onClick={navbar.toggle} hiddenFrom="sm" size="sm" aria-label={t("views.title")} />}
          {/* On a phone with the menu button, the buttons need the room. */}
          <Text fw={800} size="lg" component="span" visibleFrom={navbar ? "xs" : undefined}>
            {t("app.name")}
          </Text>
          <Text c="dimmed" size="sm" truncate visibleFrom="md" maw={180}>
            {workspace.name}
          </Text>
          <Button
            variant="default"
            size="xs"
            w={{ sm: 200, lg: 280 }}
            visibleFrom="sm"
            justify="flex-start"
            leftSection={<IconSearch size={14} aria-hidden />}
            rightSection={<Kbd size="xs">/</Kbd>}
            onClick={onSearch}
            c="dimmed"
            fw={400}
            styles={{ label: { flex: 1, overflow: "hidden", textOverflow: "ellipsis" } }}
          >
            {t("search.open")}
          </Button>
        </Group>
        {!online && (
          <>
            <Alert color="yellow" py={4} variant="light" role="status" visibleFrom="md">
              {t("app.reconnecting")}
            </Alert>
            <Tooltip label={t("app.reconnecting")} multiline w={220}>
              <IconPlugConnectedX size={20} color="var(--mantine-color-yellow-7)" role="status" aria-label={t("app.reconnecting")} className="mantine-hidden-from-md" />
            </Tooltip>
          </>
        )}
        <Group gap={6} wrap="nowrap">
          <ActionIcon variant="default" size="lg" aria-label={t("search.open")} onClick={onSearch} hiddenFrom="sm">
            <IconSearch size={18} aria-hidden />
          </ActionIcon>
          {navigation.map((entry) => (
            <NavigationButton key={entry.path} entry={entry} />
          ))}
          <NotificationsMenu />
          <AgentMenu onHelp={onHelp} name={agent.name} avatarUrl={agent.avatarUrl} />
        </Group>
      </Group>
    </AppShell.Header>
  );
}

/** A feature's button in the header, with its count (what is unread there) when it has one. */
function NavigationButton({ entry }: { entry: NavigationEntry }) {
  const { t } = useTranslation();
  const { label, icon: Icon, path, useCount = noCount, countLabel } = entry;
  const count = useCount(); // the same hook on every render: an entry's useCount never changes
  const name = count > 0 && countLabel ? `${t(label)} (${t(countLabel, { count })})` : t(label);
  return (
    <Tooltip label={name}>
      <Indicator label={count > 99 ? "99+" : count} size={16} disabled={count === 0} offset={4} color="red">
        <ActionIcon component={Link} to={path} variant="default" size="lg" aria-label={name}>
          <Icon size={18} aria-hidden />
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}
const noCount = () => 0;

/** The agent's own menu: who is signed in, the app's language, dark mode, the shortcuts, signing out. */
function AgentMenu({ onHelp, name, avatarUrl }: { onHelp: () => void; name: string; avatarUrl: string }) {
  const { t, i18n } = useTranslation();
  const { colorScheme, toggleColorScheme } = useMantineColorScheme();
  const chooseLocale = useChooseLocale();
  const client = useQueryClient();
  const navigate = useNavigate();
  const signOut = async () => {
    await api(z.null(), "/auth/logout", { method: "POST" });
    // Away from the signed-in pages first: they need the session the cache is about to forget.
    await navigate("/sign-in");
    client.clear();
  };
  return (
    <Menu position="bottom-end" width={230} withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" size="lg" radius="xl" aria-label={t("app.account")}>
          <Avatar src={avatarUrl} alt="" size={30} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{name}</Menu.Label>
        <Menu.Divider />
        <Menu.Label>{t("app.language")}</Menu.Label>
        <Menu.RadioGroup
          value={i18n.language}
          onChange={(value) => {
            const locale = LOCALES.find((l) => l === value);
            if (locale && locale !== currentLocale()) chooseLocale(locale);
          }}
        >
          {LOCALES.map((locale) => (
            <Menu.RadioItem key={locale} value={locale} lang={locale} closeMenuOnClick>
              {LOCALE_NAMES[locale]}
            </Menu.RadioItem>
          ))}
        </Menu.RadioGroup>
        <Menu.Divider />
        <Menu.Item leftSection={colorScheme === "dark" ? <IconSun size={16} aria-hidden /> : <IconMoon size={16} aria-hidden />} onClick={toggleColorScheme}>
          {colorScheme === "dark" ? t("app.lightMode") : t("app.darkMode")}
        </Menu.Item>
        <Menu.Item leftSection={<IconKeyboard size={16} aria-hidden />} onClick={onHelp} rightSection={<Kbd size="xs">?</Kbd>}>
          {t("app.shortcuts")}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
          {t("app.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

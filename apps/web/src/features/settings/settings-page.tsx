import { AppShell, Container, Tabs } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { AppHeader } from "../../components/app-header.js";
import { ShortcutsDialog } from "../../components/shortcuts-dialog.js";
import { useSignedIn } from "../auth/use-session.js";
import { SearchDialog } from "../search/search-dialog.js";
import { useShell } from "../shell-context.js";

/** Settings: a tab for each section the features add that the agent's role may see, the first one unless the address names another. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { agent } = useSignedIn();
  const navigate = useNavigate();
  const sections = useShell().settings.filter((s) => s.roles.includes(agent.role));
  const requested = useParams().tab;
  const tab = sections.find((s) => s.key === requested) ?? sections[0];
  const [searching, setSearching] = useState(false);
  const [helping, setHelping] = useState(false);
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppHeader onSearch={() => { setSearching(true); }} onHelp={() => { setHelping(true); }} />
      <SearchDialog opened={searching} onClose={() => { setSearching(false); }} />
      <ShortcutsDialog opened={helping} onClose={() => { setHelping(false); }} />
      <AppShell.Main>
        <Container size="lg">
          <Tabs value={tab?.key ?? null} onChange={(next) => { if (next) void navigate(`/settings/${next}`); }} keepMounted={false}>
            <Tabs.List mb="md">
              {sections.map((s) => (
                <Tabs.Tab key={s.key} value={s.key}>
                  {t(s.label)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {sections.map(({ key, component: Section }) => (
              <Tabs.Panel key={key} value={key}>
                <Section />
              </Tabs.Panel>
            ))}
          </Tabs>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

import { Container, Tabs } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { AppFrame } from "../../components/app-frame.js";
import { ErrorBoundary } from "../../components/error-boundary.js";
import { useSignedIn } from "../auth/use-session.js";
import { useShell } from "../shell-context.js";

/** Settings: a tab for each section the features add that the agent's role may see, the first one unless the address names another. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { agent } = useSignedIn();
  const navigate = useNavigate();
  const sections = useShell().settings.filter((s) => s.roles.includes(agent.role));
  const requested = useParams().tab;
  const tab = sections.find((s) => s.key === requested) ?? sections[0];
  // On a phone the tabs scroll sideways: keep the chosen one in sight.
  useEffect(() => {
    document.querySelector('[role="tab"][aria-selected="true"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [tab?.key]);
  return (
    <AppFrame>
      <Container size="lg" px={0}>
        <Tabs value={tab?.key ?? null} onChange={(next) => { if (next) void navigate(`/settings/${next}`); }} keepMounted={false}>
          {/* One line that scrolls sideways on a phone, rather than a wall of wrapped tabs. */}
          <Tabs.List mb="md" style={{ flexWrap: "nowrap", overflowX: "auto", overflowY: "hidden" }}>
            {sections.map((s) => (
              <Tabs.Tab key={s.key} value={s.key} style={{ flexShrink: 0 }}>
                {t(s.label)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {sections.map(({ key, component: Section }) => (
            <Tabs.Panel key={key} value={key}>
              <ErrorBoundary>
                <Section />
              </ErrorBoundary>
            </Tabs.Panel>
          ))}
        </Tabs>
      </Container>
    </AppFrame>
  );
}

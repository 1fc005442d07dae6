import { Badge, Button, NavLink, Stack } from "@mantine/core";
import { IconBook, IconChartBar, IconExternalLink, IconFolders, IconPlus, IconSparkles } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { AppFrame } from "../../components/app-frame.js";
import { useSignedIn } from "../auth/use-session.js";
import { mayWriteArticles } from "./queries.js";
import { useWhatsNewCount } from "./whats-new-count.js";

/** The knowledge base's side navigation: its lists, a new article for writers, and the public help center. */
function KnowledgeBaseNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { agent, workspace } = useSignedIn();
  const unread = useWhatsNewCount();
  const writer = mayWriteArticles(agent.role);
  const items = [
    { path: "/knowledge-base", label: t("knowledgeBase.articles"), icon: IconBook, active: pathname === "/knowledge-base" || pathname.startsWith("/knowledge-base/articles") },
    { path: "/knowledge-base/whats-new", label: t("knowledgeBase.whatsNew.title"), icon: IconSparkles, count: unread },
    { path: "/knowledge-base/categories", label: t("knowledgeBase.categories.title"), icon: IconFolders },
    ...(writer ? [{ path: "/knowledge-base/insights", label: t("knowledgeBase.insights.title"), icon: IconChartBar }] : []),
  ];
  return (
    <Stack gap="md" component="nav" aria-label={t("knowledgeBase.title")}>
      {writer && (
        <Button component={Link} to="/knowledge-base/articles/new" leftSection={<IconPlus size={16} aria-hidden />} fullWidth>
          {t("knowledgeBase.newArticle")}
        </Button>
      )}
      <div>
        {items.map(({ path, label, icon: Icon, active, count }) => {
          const current = active ?? pathname === path;
          return (
            <NavLink
              key={path}
              component={Link}
              to={path}
              label={label}
              active={current}
              aria-current={current ? "page" : undefined}
              leftSection={<Icon size={16} aria-hidden />}
              rightSection={
                count ? (
                  <Badge size="sm" color="red" aria-label={t("knowledgeBase.whatsNew.unread", { count })}>
                    {count}
                  </Badge>
                ) : undefined
              }
            />
          );
        })}
        <NavLink
          component="a"
          href={workspace.helpCenterUrl}
          target="_blank"
          rel="noopener"
          label={t("knowledgeBase.helpCenter")}
          leftSection={<IconExternalLink size={16} aria-hidden />}
        />
      </div>
    </Stack>
  );
}

/** Every knowledge-base page's frame: the app's, with the knowledge base's navigation beside the page. */
export function KnowledgeBaseFrame({ children }: { children: ReactNode }) {
  return <AppFrame navbar={<KnowledgeBaseNav />}>{children}</AppFrame>;
}

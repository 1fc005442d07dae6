import { AppShell, type AppShellProps } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { Suspense, useEffect, useState, type CSSProperties, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { lazyExport } from "../features/web-feature.js";
import { AppHeader } from "./app-header.js";
import skip from "./skip-link.module.css";

// Loaded and drawn when first asked for: neither is on the first screen.
const SearchDialog = lazyExport(() => import("../features/search/search-dialog.js"), "SearchDialog");
const ShortcutsDialog = lazyExport(() => import("./shortcuts-dialog.js"), "ShortcutsDialog");

type Props = {
  /** The page's side navigation: beside the page from tablet width, behind the header's burger on a phone. */
  navbar?: ReactNode;
  /** Where the skip link jumps (an element with this id and tabIndex -1) and what it says. */
  skipTo?: { id: string; label: string };
  padding?: AppShellProps["padding"];
  mainStyle?: CSSProperties;
  children: ReactNode;
};

/**
 * Every signed-in page's frame: the header, the side navigation when the page has one, search (`/`)
 * and the shortcuts (`?`), and a skip link past them for the keyboard.
 */
export function AppFrame({ navbar, skipTo, padding = "md", mainStyle, children }: Props) {
  const { t } = useTranslation();
  const [searching, setSearching] = useState(false);
  const [helping, setHelping] = useState(false);
  const [navOpened, setNavOpened] = useState(false);
  const location = useLocation();
  // Choosing a view or a page in the phone's navigation closes it.
  useEffect(() => {
    setNavOpened(false);
  }, [location.pathname, location.search]);
  useHotkeys([
    ["/", () => { setSearching(true); }],
    ["shift+?", () => { setHelping(true); }],
  ]);
  const target = skipTo ?? { id: "main-content", label: t("app.skipToContent") };
  return (
    <AppShell header={{ height: 56 }} navbar={navbar ? { width: 230, breakpoint: "sm", collapsed: { mobile: !navOpened } } : undefined} padding={padding}>
      <a href={`#${target.id}`} className={skip.skip}>
        {target.label}
      </a>
      <AppHeader
        onSearch={() => { setSearching(true); }}
        onHelp={() => { setHelping(true); }}
        navbar={navbar ? { opened: navOpened, toggle: () => { setNavOpened((o) => !o); } } : undefined}
      />
      <Suspense fallback={null}>
        {searching && <SearchDialog opened onClose={() => { setSearching(false); }} />}
        {helping && <ShortcutsDialog opened onClose={() => { setHelping(false); }} />}
      </Suspense>
      {navbar && (
        <AppShell.Navbar p="xs" style={{ overflowY: "auto" }}>
          {navbar}
        </AppShell.Navbar>
      )}
      <AppShell.Main id={skipTo ? undefined : "main-content"} tabIndex={skipTo ? undefined : -1} style={mainStyle}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}

import { Loader, MantineProvider, createTheme, type CSSVariablesResolver } from "@mantine/core";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter, Route, Routes } from "react-router";
import { RequireSession } from "./features/auth/require-session.js";
import { SignInPage } from "./features/auth/sign-in-page.js";
import { InboxPage } from "./features/conversations/inbox-page.js";
const SettingsPage = lazy(() => import("./features/settings/settings-page.js").then((m) => ({ default: m.SettingsPage })));
import { Notifier } from "./realtime/notifier.js";
import { RealtimeProvider } from "./realtime/realtime-context.js";

/**
 * The theme: shades and greys chosen for WCAG AA contrast (4.5:1) in light and dark, and names in the
 * agent's language for the buttons Mantine draws without one (checked by axe in the browser tests).
 */
function useTheme() {
  const { t } = useTranslation();
  return useMemo(() => {
    const close = { closeButtonProps: { "aria-label": t("app.close") } };
    return createTheme({
      primaryColor: "blue",
      primaryShade: { light: 8, dark: 8 },
      defaultRadius: "md",
      fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      // By name, not Component.extend(): importing ColorInput here would put it in the first load.
      components: {
        Modal: { defaultProps: close },
        Drawer: { defaultProps: close },
        ColorInput: { defaultProps: { eyeDropperButtonProps: { "aria-label": t("app.pickColor") } } },
      },
    });
  }, [t]);
}
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "#5c636a", "--mantine-color-placeholder": "#6c737a" },
  dark: { "--mantine-color-dimmed": "#a6a7ab", "--mantine-color-placeholder": "#909296" },
});
// Live data comes over the socket; refetching on focus is the fallback for a tab that slept.
const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } });

function SignedIn() {
  const { t } = useTranslation();
  return (
    <RequireSession>
      <RealtimeProvider>
        <Notifier />
        <Routes>
          <Route path="/" element={<InboxPage />} />
          <Route path="/conversations/:id" element={<InboxPage />} />
          <Route
            path="/settings/:tab?"
            element={
              <Suspense fallback={<Loader m="xl" aria-label={t("app.loading")} />}>
                <SettingsPage />
              </Suspense>
            }
          />
        </Routes>
      </RealtimeProvider>
    </RequireSession>
  );
}

export function App() {
  const theme = useTheme();
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={contrast}>
      <Notifications position="bottom-right" />
      <QueryClientProvider client={client}>
        <BrowserRouter basename="/app">
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/*" element={<SignedIn />} />
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}

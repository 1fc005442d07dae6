import { MantineProvider, createTheme, type CSSVariablesResolver } from "@mantine/core";
import { Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter, Route, Routes } from "react-router";
import { AppFrame } from "./components/app-frame.js";
import { ErrorBoundary } from "./components/error-boundary.js";
import { NotFound } from "./components/not-found.js";
import { RequireSession } from "./features/auth/require-session.js";
import * as registered from "./features/index.js";
import { ShellContext, type Shell } from "./features/shell-context.js";
import type { FeatureRoute, WebFeature } from "./features/web-feature.js";
import { Notifier } from "./realtime/notifier.js";
import { RealtimeProvider } from "./realtime/realtime-context.js";
import { Loading } from "./components/loading.js";

/** How far from the top the notices reach (16 px from the edge, one or two lines tall): dialogs open below it. */
const NOTICE_BAND = "96px";

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
        // A dialog's title and close button sit below the notices' band at the top (see Notifications).
        Modal: { defaultProps: { ...close, yOffset: NOTICE_BAND } },
        Drawer: { defaultProps: close },
        Notification: { defaultProps: close },
        ColorInput: { defaultProps: { eyeDropperButtonProps: { "aria-label": t("app.pickColor") } } },
        // A closed list of options is not in the page: a kept one is laid out and placed for every
        // select on the screen as it first renders (the inbox's filters cost ~60 ms of a first load).
        Select: { defaultProps: { comboboxProps: { keepMounted: false } } },
        Autocomplete: { defaultProps: { comboboxProps: { keepMounted: false } } },
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

/** Every feature in features/index.ts: their pages, the header's navigation and Settings' tabs are made from them. */
const features: readonly WebFeature[] = Object.values(registered);
const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;
const shell: Shell = {
  navigation: features.flatMap((f) => f.navigation ?? []).sort(byOrder),
  settings: features.flatMap((f) => f.settings ?? []).sort(byOrder),
};
const routes = features.flatMap((f) => f.routes.map((route) => ({ ...route, feature: f.name })));

/**
 * A feature's page, with a loader while its code loads. Keyed by feature: opening another feature's
 * page shows the loader, moving between one feature's pages keeps the page and its state.
 */
const page = ({ path, element, feature }: FeatureRoute & { feature: string }) => (
  <Route
    key={path}
    path={path}
    element={
      <ErrorBoundary key={feature}>
        <Suspense key={feature} fallback={<Loading m="xl" />}>
          {element}
        </Suspense>
      </ErrorBoundary>
    }
  />
);

function SignedIn() {
  return (
    <RequireSession>
      <RealtimeProvider>
        <Notifier />
        <Routes>
          {routes.filter((r) => !r.public).map(page)}
          <Route path="*" element={<AppFrame><NotFound /></AppFrame>} />
        </Routes>
      </RealtimeProvider>
    </RequireSession>
  );
}

export function App() {
  const theme = useTheme();
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={contrast}>
      {/* Notices answer what was just done in the page or a dialog, whose buttons sit below the
          header (the composer's Send, a form's Save, a dialog's footer) and would be covered in a
          corner: a notice under the pointer stays open while hovered and takes the next click.
          At the top it covers only the header's middle for the seconds it shows: empty on a
          desktop, part of the search and the icons on a tablet or a phone. */}
      <Notifications position="top-center" />
      <QueryClientProvider client={client}>
        <ShellContext value={shell}>
          <BrowserRouter basename="/app">
            <Routes>
              {routes.filter((r) => r.public).map(page)}
              <Route path="/*" element={<SignedIn />} />
            </Routes>
          </BrowserRouter>
        </ShellContext>
      </QueryClientProvider>
    </MantineProvider>
  );
}

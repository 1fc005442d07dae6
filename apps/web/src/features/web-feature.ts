import type { TablerIcon } from "@tabler/icons-react";
import { lazy, useEffect, type ComponentType, type ReactNode } from "react";
import type { AgentRole } from "@atende/shared";

/** A page at `path` under /app. The app shows a loader while a lazy page's code loads. */
export type FeatureRoute = {
  path: string;
  element: ReactNode;
  /** Reached without signing in (the sign-in page); every other page needs a session. */
  public?: true;
};

/**
 * A button in the header's navigation, lowest `order` first. `useCount` (a hook, called on every
 * render of the header) gives a number to show on it, such as what is unread there; 0 shows none.
 * `countLabel` is the i18n key that says the number ({{count}}) to a screen reader.
 */
export type NavigationEntry = { label: string; icon: TablerIcon; path: string; order: number; useCount?: () => number; countLabel?: string };

/** A tab of Settings at /settings/<key>, lowest `order` first, shown to agents of `roles`. */
export type SettingsSection = { key: string; label: string; component: ComponentType; roles: readonly AgentRole[]; order: number };

/**
 * What a folder under features/ adds to the app; it exports it as `feature`, and features/index.ts
 * lists it. Labels are i18n keys.
 */
export type WebFeature = {
  name: string;
  routes: FeatureRoute[];
  navigation?: NavigationEntry;
  settings?: SettingsSection[];
};

/** A module's named component, loaded the first time it is drawn: keeps it out of the first load. */
export function lazyExport<K extends string, P extends object = object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

/**
 * Loads these modules once the browser has nothing else to do (soon after the first screen is
 * drawn), so that what they draw later appears at once. Safari has no idle callback: a short delay.
 */
export function usePreloadWhenIdle(...loads: (() => Promise<unknown>)[]): void {
  useEffect(() => {
    const run = () => {
      for (const load of loads) void load();
    };
    if (typeof requestIdleCallback === "function") {
      const idle = requestIdleCallback(run);
      return () => {
        cancelIdleCallback(idle);
      };
    }
    const timer = setTimeout(run, 300);
    return () => {
      clearTimeout(timer);
    };
  }, []); // the modules to load never change
}

import { createContext, use } from "react";
import type { NavigationEntry, SettingsSection } from "./web-feature.js";

/** What the features add around their pages, gathered by app.tsx: the header's navigation and Settings' tabs, in order. */
export type Shell = { navigation: readonly NavigationEntry[]; settings: readonly SettingsSection[] };

export const ShellContext = createContext<Shell | null>(null);

/** The navigation and settings sections of every feature. */
export function useShell(): Shell {
  const shell = use(ShellContext);
  if (!shell) throw new Error("useShell outside ShellContext");
  return shell;
}

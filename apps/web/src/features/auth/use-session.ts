import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { SessionDto, AgentDto, type Locale, type UpdateMeBody } from "@atende/shared";
import { api, setCsrfToken } from "../../api/client.js";
import { localeChosenHere, setLocale } from "../../i18n.js";
import { showError } from "../../api/errors.js";

export const SESSION_KEY = ["session"] as const;

/** Loads the signed-in agent's session (401 when nobody is signed in). */
export async function fetchSession(): Promise<SessionDto> {
  const session = await api(SessionDto, "/me");
  setCsrfToken(session.csrfToken);
  return session;
}

/** The session's query, loaded once and kept: changes are written into it (storeSignedInAgent). */
const sessionQuery = { queryKey: SESSION_KEY, queryFn: fetchSession, retry: false, staleTime: Infinity } as const;

/** Puts the agent as the server returned them (after a change to their profile) into the session. */
export function storeSignedInAgent(client: QueryClient, agent: AgentDto): void {
  client.setQueryData<SessionDto>(SESSION_KEY, (old) => (old ? { ...old, agent } : old));
}

/** The signed-in agent, their workspace and CSRF token; the app follows the agent's language unless this browser chose one. */
export function useSession() {
  const query = useQuery(sessionQuery);
  const locale = query.data?.agent.locale;
  useEffect(() => {
    if (locale && !localeChosenHere()) setLocale(locale, false);
  }, [locale]);
  return query;
}

/** Switches the app's language and keeps it as the agent's choice, for every browser they sign in from. */
export function useChooseLocale(): (locale: Locale) => void {
  const client = useQueryClient();
  return (locale) => {
    setLocale(locale);
    api(AgentDto, "/me", { method: "PATCH", body: { locale } satisfies UpdateMeBody }).then((saved) => {
      storeSignedInAgent(client, saved);
    }, showError);
  };
}

/** The session, once RequireSession has made sure there is one; it re-renders when the session changes (a new name, the workspace's). */
export function useSignedIn(): SessionDto {
  const { data } = useQuery(sessionQuery);
  if (!data) throw new Error("useSignedIn outside RequireSession");
  return data;
}

/** Whether the signed-in agent may change the workspace's settings (admins; the others read them). */
export function useIsAdmin(): boolean {
  return useSignedIn().agent.role === "admin";
}

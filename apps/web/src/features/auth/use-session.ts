import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { SessionDto } from "@atende/shared";
import { api, setCsrfToken } from "../../api/client.js";
import { localeChosenHere, setLocale } from "../../i18n.js";

export const SESSION_KEY = ["session"] as const;

/** Loads the signed-in agent's session (401 when nobody is signed in). */
export async function fetchSession(): Promise<SessionDto> {
  const session = await api(SessionDto, "/me");
  setCsrfToken(session.csrfToken);
  return session;
}

/** The signed-in agent, their workspace and CSRF token; the app follows the agent's language unless this browser chose one. */
export function useSession() {
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, retry: false, staleTime: Infinity });
  const locale = query.data?.agent.locale;
  useEffect(() => {
    if (locale && !localeChosenHere()) setLocale(locale, false);
  }, [locale]);
  return query;
}

/** The session, once RequireSession has made sure there is one. */
export function useSignedIn(): SessionDto {
  const client = useQueryClient();
  const session = client.getQueryData<SessionDto>(SESSION_KEY);
  if (!session) throw new Error("useSignedIn outside RequireSession");
  return session;
}

/** Whether the signed-in agent may change the workspace's settings (admins; the others read them). */
export function useIsAdmin(): boolean {
  return useSignedIn().agent.role === "admin";
}

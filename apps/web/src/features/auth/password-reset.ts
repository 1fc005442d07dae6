import { useQuery } from "@tanstack/react-query";
import { PasswordResetAvailabilityDto } from "@atende/shared";
import { api } from "../../api/client.js";

/** Whether this installation mails reset links (it has a mail server of its own); asked once per page load. */
export function usePasswordResetAvailable() {
  return useQuery({
    queryKey: ["password-reset-available"],
    queryFn: async () => (await api(PasswordResetAvailabilityDto, "/auth/password-reset")).available,
    staleTime: Infinity,
    retry: false,
  });
}

/** What the sign-in page is told by the page that set a new password. */
export type SignInNotice = { passwordReset?: true; email?: string };

import { Center, Loader } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { ApiError } from "../../api/client.js";
import { LoadError } from "../../components/load-error.js";
import { useSession } from "./use-session.js";

/** Shows its children to a signed-in agent; sends anyone else to sign in, and back here after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader role="status" aria-label={t("app.loading")} />
      </Center>
    );
  }
  if (session.error instanceof ApiError && session.error.status === 401) {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (session.isError) return <LoadError error={session.error} onRetry={() => void session.refetch()} />;
  return children;
}

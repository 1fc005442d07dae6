import { Center } from "@mantine/core";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { ApiError } from "../../api/client.js";
import { LoadError } from "../../components/load-error.js";
import { useSession } from "./use-session.js";
import { Loading } from "../../components/loading.js";

/** Shows its children to a signed-in agent; sends anyone else to sign in, and back here after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loading />
      </Center>
    );
  }
  if (session.error instanceof ApiError && session.error.status === 401) {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (session.isError) return <LoadError error={session.error} onRetry={() => void session.refetch()} />;
  return children;
}

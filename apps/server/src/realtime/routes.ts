import type { FastifyInstance, FastifyRequest } from "fastify";
import type { WebSocket } from "@fastify/websocket";
import { ACCESS_ENDED_CLOSE } from "@atende/shared";
import { recheckCredential } from "../modules/auth/service.js";
import { AppError } from "../lib/app-error.js";
import { actorOf } from "../plugins/auth.js";
import { createPresence } from "./presence.js";
import { serveConnection } from "./connection.js";
import type { Hub } from "./hub.js";
import { replayEvents } from "./replay.js";

declare module "fastify" {
  interface FastifyInstance {
    hub: Hub;
  }
}

/** A browser's socket must come from a page of this server: another site may not ride the agent's cookie. */
export function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // not a browser: it authenticated with its own credential
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Ends an agent's socket when what let it in ends: at once when told (a sign-out, a revoked token, a
 * deactivated or re-roled agent, a password change, on any node), and otherwise when a periodic
 * look-up no longer finds the credential live with the same role (an expired session, another
 * node's change while Redis was away). Returns what stops the guard.
 */
function guardAccess(app: FastifyInstance, socket: WebSocket, request: FastifyRequest): () => void {
  const auth = request.auth;
  if (!auth?.actor.id) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  const { credential, actor } = auth;
  const end = () => {
    socket.close(ACCESS_ENDED_CLOSE, "access ended: sign in again");
  };
  const untrack = app.hub.trackAgentSocket({ agentId: actor.id ?? "", credential, end });
  const recheck = setInterval(() => {
    recheckCredential(app.runtime.db, credential).then(
      (now) => {
        if (!now || now.actor.role !== actor.role) end();
      },
      (err: unknown) => {
        request.log.warn({ err }, "re-checking a socket's credential failed");
      },
    );
  }, app.runtime.config.credentialRecheckMs);
  return () => {
    clearInterval(recheck);
    untrack();
  };
}

/**
 * `GET /api/v1/realtime` (WebSocket): an agent's live feed of the workspace's events, with
 * heartbeats and resume (see the protocol in @atende/shared/realtime).
 */
export async function realtimeRoutes(app: FastifyInstance): Promise<void> {
  const presence = createPresence(app.runtime.db, (err) => {
    app.log.warn({ err }, "recording whether an agent is there failed");
  });
  app.get(
    "/realtime",
    {
      websocket: true,
      schema: { tags: ["realtime"], summary: "WebSocket: the workspace's events as they commit, resumable" },
      preValidation: async (request) => {
        if (!sameOrigin(request)) throw AppError.forbidden("A realtime connection must come from this server's own pages.");
      },
    },
    (socket, request) => {
      const actor = actorOf(request);
      const { workspaceId } = actor;
      const stopGuard = guardAccess(app, socket, request);
      const by = { type: "agent" as const, id: actor.id ?? "", name: actor.name };
      const who = { workspaceId, agentId: by.id };
      presence.opened(who);
      // The conversation this tab shows; teammates hear when it changes, and when the tab goes.
      let viewing: string | null = null;
      const view = (conversationId: string | null) => {
        if (viewing && viewing !== conversationId) app.runtime.bus.signal({ workspaceId, conversationId: viewing, by, kind: "viewing", on: false });
        if (conversationId) app.runtime.bus.signal({ workspaceId, conversationId, by, kind: "viewing", on: true });
        viewing = conversationId;
      };
      serveConnection(socket, {
        replay: (after) => replayEvents(app.runtime.db, { workspaceId }, after),
        watch: (subscriber) => app.hub.watchWorkspace(workspaceId, subscriber),
        project: (event) => ({ type: "event", event }),
        hears: (signal) => signal.by.id !== actor.id,
        onTyping: ({ conversationId, typing }) => {
          if (!conversationId || !actor.id) return;
          app.runtime.bus.signal({ workspaceId, conversationId, by, kind: "typing", on: typing });
        },
        onViewing: view,
        onActive: () => {
          presence.active(who);
        },
        onClose: () => {
          stopGuard();
          view(null);
          presence.closed(who);
        },
        log: request.log,
      });
    },
  );
}

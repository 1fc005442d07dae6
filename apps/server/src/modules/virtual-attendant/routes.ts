import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AskAttendantBody, AttendantAnswerDto, AttendantStatsDto, AttendantStatsQuery } from "@atende/shared";
import { problems, withCtx } from "../../plugins/route-helpers.js";
import { attendantStats } from "./stats.js";
import { actorOf } from "../../plugins/auth.js";
import { askAttendant } from "./answer.js";

/** The virtual attendant for agents and integrations, under /api/v1. */
export const attendantRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/virtual-attendant/ask",
    {
      schema: {
        tags: ["virtual attendant"],
        description:
          "What the virtual attendant would do with a customer's question: answer from a public article (with the passage and its link), hand off to a person (asked for one, or lost patience), or say it has no answer. Changes nothing; the Settings' \"try it\" box and tests use it.",
        body: AskAttendantBody,
        response: { 200: AttendantAnswerDto, ...problems },
      },
    },
    async (request) =>
      askAttendant(request.server.runtime.db, request.server.runtime.config, actorOf(request).workspaceId, request.body, request.log),
  );
  app.get(
    "/virtual-attendant/stats",
    {
      schema: {
        tags: ["virtual attendant"],
        description:
          "What the virtual attendant did with the conversations it started in a period (default the last 30 days), per inbox and language: resolved by itself (the customer said its answer solved it), handed off and why, taken over by an agent, still with it. Admins and supervisors.",
        querystring: AttendantStatsQuery,
        response: { 200: AttendantStatsDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => attendantStats(ctx, request.query)),
  );
};

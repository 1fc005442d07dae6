import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AskAttendantBody, AttendantAnswerDto } from "@atende/shared";
import { problems } from "../../plugins/route-helpers.js";
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
    async (request) => askAttendant(request.server.runtime.db, request.server.runtime.config, actorOf(request).workspaceId, request.body),
  );
};

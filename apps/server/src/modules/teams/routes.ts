import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CreateTeamBody, TeamDto, UpdateTeamBody } from "@atende/shared";
import { MANAGERS } from "../policy.js";
import { createIdempotently, IdParams, withCtx, problems } from "../../plugins/route-helpers.js";
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from "./service.js";

export const teamRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["teams"];
  app.get("/teams", { schema: { tags, response: { 200: z.array(TeamDto), ...problems } } }, (request) =>
    withCtx(request, listTeams),
  );
  app.post("/teams", { schema: { tags, body: CreateTeamBody, response: { 201: TeamDto, ...problems } } }, (request, reply) =>
    createIdempotently(request, reply, (ctx) => createTeam(ctx, request.body), { roles: MANAGERS }),
  );
  app.get("/teams/:id", { schema: { tags, params: IdParams, response: { 200: TeamDto, ...problems } } }, (request) =>
    withCtx(request, (ctx) => getTeam(ctx, request.params.id)),
  );
  app.patch(
    "/teams/:id",
    { schema: { tags, params: IdParams, body: UpdateTeamBody, response: { 200: TeamDto, ...problems } } },
    (request) => withCtx(request, (ctx) => updateTeam(ctx, request.params.id, request.body)),
  );
  app.delete("/teams/:id", { schema: { tags, params: IdParams, response: { 204: z.null(), ...problems } } }, async (request, reply) => {
    await withCtx(request, (ctx) => deleteTeam(ctx, request.params.id));
    return reply.code(204).send(null);
  });
};

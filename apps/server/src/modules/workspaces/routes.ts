import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { UpdateWorkspaceBody, WorkspaceDto } from "@atende/shared";
import { problems, withCtx } from "../../plugins/route-helpers.js";
import { getWorkspace, updateWorkspace } from "./service.js";

export const workspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["workspace"];
  app.get("/workspace", { schema: { tags, description: "The workspace's name, slug, time zone, default language and help-center branding.", response: { 200: WorkspaceDto, ...problems } } }, (request) =>
    withCtx(request, (ctx) => getWorkspace(ctx)),
  );
  app.patch(
    "/workspace",
    {
      schema: {
        tags,
        description: "Admins: the workspace's name, time zone (an IANA name, for business hours, reports and the help center), default language, and the help center's brand colour and logo.",
        body: UpdateWorkspaceBody,
        response: { 200: WorkspaceDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => updateWorkspace(ctx, request.body)),
  );
};

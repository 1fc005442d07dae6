import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Problem, UploadDto } from "@atende/shared";
import { actorOf } from "../../plugins/auth.js";
import { IdParams, problems, withCtx } from "../../plugins/route-helpers.js";
import { sendStoredFile } from "./serve.js";
import { loadAttachment } from "./service.js";
import { acceptRawBodies, receiveUpload, UploadQuery } from "./uploads.js";

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(async (uploads) => {
    acceptRawBodies(uploads);
    uploads.withTypeProvider<ZodTypeProvider>().post(
      "/uploads",
      {
        schema: {
          tags: ["attachments"],
          summary: "Uploads a file (the request body, with its Content-Type) to send with a message",
          querystring: UploadQuery,
          response: { 201: UploadDto, 413: Problem, 429: Problem, ...problems },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const upload = await receiveUpload(request, {
          uploader: { workspaceId: actor.workspaceId, agentId: actor.id, visitorId: null, ip: request.ip },
          fileName: request.query.fileName,
          maxBytes: request.server.runtime.config.uploadMaxBytes,
        });
        return reply.code(201).send(upload);
      },
    );
  });

  app.get(
    "/attachments/:id",
    {
      schema: {
        tags: ["attachments"],
        summary: "A file on a message (an attachment, an inline image, or an e-mail's original source)",
        params: IdParams,
        response: { 200: z.unknown().describe("the file's bytes"), 304: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const file = await withCtx(request, (ctx) => loadAttachment(ctx, request.params.id));
      return sendStoredFile(request, reply, request.server.runtime.files, file);
    },
  );
};

import { create as contentDisposition } from "content-disposition";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams, problems, withCtx } from "../../plugins/route-helpers.js";
import { loadAttachment } from "./service.js";

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
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
      if (request.headers["if-none-match"] === `"${file.sha256}"`) return reply.code(304).send(null);
      return reply
        .header("content-type", file.servedType)
        .header("content-length", file.size)
        .header("content-disposition", contentDisposition(file.fileName, { type: file.inline ? "inline" : "attachment" }))
        .header("etag", `"${file.sha256}"`)
        .header("cache-control", "private, max-age=31536000, immutable")
        // Whatever a customer sent, it never runs as a page of the app.
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "sandbox; default-src 'none'")
        .send(request.server.runtime.files.open(file.sha256));
    },
  );
};

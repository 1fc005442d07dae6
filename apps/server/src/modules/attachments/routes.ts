import { create as contentDisposition } from "content-disposition";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import { actorOf } from "../../plugins/auth.js";
import { IdParams, problems, withCtx } from "../../plugins/route-helpers.js";
import { sealUpload } from "./uploads.js";
import { loadAttachment } from "./service.js";

const UploadQuery = z.object({ fileName: z.string().trim().min(1).max(255) });
const UploadDto = z.object({
  /** Give it in a message's `attachments` to send the file with it (within a day). */
  token: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(async (uploads) => {
    // The body is the file itself, of any type, streamed to the file store as it arrives.
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser("*", (_request, payload, done) => {
      done(null, payload);
    });
    uploads.withTypeProvider<ZodTypeProvider>().post(
      "/uploads",
      {
        schema: {
          tags: ["attachments"],
          summary: "Uploads a file (the request body, with its Content-Type) to send with a message",
          querystring: UploadQuery,
          response: { 201: UploadDto, ...problems },
        },
      },
      async (request, reply) => {
        const { config, files } = request.server.runtime;
        const tooLarge = new AppError("PAYLOAD_TOO_LARGE", `A file may have at most ${String(config.uploadMaxBytes)} bytes.`);
        if (Number(request.headers["content-length"] ?? 0) > config.uploadMaxBytes) throw tooLarge;
        const stored = await files.put(request.body as AsyncIterable<Buffer>, { maxBytes: config.uploadMaxBytes });
        if (!stored) throw tooLarge;
        const contentType = (request.headers["content-type"] ?? "application/octet-stream").split(";")[0]?.trim() || "application/octet-stream";
        const upload = { ...stored, fileName: request.query.fileName, contentType, workspaceId: actorOf(request).workspaceId };
        return reply.code(201).send({ token: sealUpload(config, upload), fileName: upload.fileName, contentType, size: stored.size });
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

import { rule } from "../errors.js";
import { z } from "zod";
import { filledText, Id, line, someChange } from "./common.js";

export const CannedResponseDto = z.object({ id: Id, shortCode: z.string(), title: z.string(), body: z.string() });
export type CannedResponseDto = z.infer<typeof CannedResponseDto>;

export const CreateCannedResponseBody = z.object({
  shortCode: line(50).pipe(z.string().regex(/^[\w-]+$/, rule("short_code_chars", "may use letters, digits, - and _ only"))),
  title: line(200),
  body: filledText(20_000),
});
export type CreateCannedResponseBody = z.infer<typeof CreateCannedResponseBody>;

export const UpdateCannedResponseBody = someChange(CreateCannedResponseBody.partial());
export type UpdateCannedResponseBody = z.infer<typeof UpdateCannedResponseBody>;

export const RenderCannedResponseQuery = z.object({ conversationId: Id });
export const RenderedCannedResponseDto = z.object({ body: z.string() });

import { UploadDto } from "@atende/shared";
import { api } from "./client.js";

/** Uploads a file to go with the next message; its token stands for it for a day. */
export function uploadFile(file: File): Promise<UploadDto> {
  return api(UploadDto, `/uploads?fileName=${encodeURIComponent(file.name)}`, { method: "POST", body: file });
}

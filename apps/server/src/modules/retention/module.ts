import { defineModule } from "../../core/module.js";
import { fileStoreUsage, pendingUploads, startRetention } from "./retention.js";

/** Forgets what has outlived its use, and measures what is kept. */
export const retentionModule = defineModule({
  name: "retention",
  workers: [startRetention],
  readiness: { files: fileStoreUsage, uploads: (runtime) => pendingUploads(runtime.db) },
});

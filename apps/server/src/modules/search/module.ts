import { defineModule } from "../../core/module.js";
import { indexingLag, startSearchIndexer } from "./index-messages.js";
import { searchRoutes } from "./routes.js";

export const searchModule = defineModule({
  name: "search",
  routes: [searchRoutes],
  workers: [(runtime, log) => startSearchIndexer(runtime.db, log)],
  readiness: { searchIndexing: (runtime) => indexingLag(runtime.db) },
});

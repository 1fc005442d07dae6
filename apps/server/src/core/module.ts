import type { FastifyBaseLogger } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Runtime } from "./context.js";
import type { AnyJob } from "./jobs.js";
import type { AnyListener } from "./listener.js";

type Routes = FastifyPluginAsyncZod;

/**
 * What a capability adds to the server, declared in its folder (`module.ts`) and named once in
 * `modules/index.ts`: boot registers its routes, creates its jobs' queues, hands it its events and
 * runs its background work. Nothing else needs to know it exists.
 */
export type AtendeModule = {
  name: string;
  /** Routes under `/api/v1` for signed-in agents and API tokens. */
  routes?: readonly Routes[];
  /** Routes under `/api/v1` that need no sign-in (signing in itself). */
  publicRoutes?: readonly Routes[];
  /** Plugins at the server's root, which bring their own prefix (the chat widget's API and files). */
  rootRoutes?: readonly Routes[];
  jobs?: readonly AnyJob[];
  listeners?: readonly AnyListener[];
  /** Background work on worker nodes; each returns what stops it. */
  workers?: readonly ((runtime: Runtime, log: FastifyBaseLogger) => () => void)[];
  /** Releases what the module holds (threads, connections) when the process stops. */
  close?(runtime: Runtime): Promise<void>;
  /** Figures for `/readyz?detail=1`, by name. */
  readiness?: Readonly<Record<string, (runtime: Runtime) => Promise<unknown>>>;
};

export function defineModule(module: AtendeModule): AtendeModule {
  return module;
}

/** Releases what every module holds, when the process stops. */
export async function closeModules(runtime: Runtime): Promise<void> {
  for (const module of runtime.spine.modules) await module.close?.(runtime);
}

import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.js";
import type { DatabaseHandle } from "../db/client.js";
import { statementRunner } from "../db/prepared.js";
import { createInProcessBus, createRedisBus } from "../events/bus.js";
import { startJobQueue } from "../jobs/queue.js";
import { createRuntime, systemActor, type Runtime } from "../modules/context.js";
import { wakeConversation } from "../modules/conversations/service.js";
import { sendChatFallback } from "../channels/chat/email-fallback.js";
import { deliverEmail, sweepPendingDeliveries } from "../channels/email/outbound.js";
import { startRetention } from "../jobs/retention.js";
import { startSearchIndexer } from "../modules/search/index-messages.js";

/** Connects the event bus and the job queue around a database. */
export async function startRuntime(config: Config, handle: DatabaseHandle, log: FastifyBaseLogger): Promise<Runtime> {
  const busLog = log.child({ module: "events" });
  const bus = config.redisUrl
    ? await createRedisBus(
        config.redisUrl,
        {
          warn: (err, message) => {
            busLog.warn({ err }, message);
          },
          info: (message) => {
            busLog.info(message);
          },
        },
        config.redisPrefix,
      )
    : createInProcessBus();
  const jobs = await startJobQueue(handle, (err) => {
    log.warn({ err, module: "jobs" }, "job queue error");
  });
  return createRuntime(config, handle.db, handle.transaction, bus, jobs, statementRunner(handle), log);
}

/** Starts the durable job handlers and the delivery sweep (the worker role); returns what stops the sweep. */
export async function startWorkers(runtime: Runtime, log: FastifyBaseLogger): Promise<() => void> {
  await runtime.jobs.work("conversation.wake", async ({ workspaceId, conversationId }) => {
    await runtime.transact(systemActor(workspaceId), (ctx) => wakeConversation(ctx, conversationId));
  });
  await runtime.jobs.work("email.deliver", ({ workspaceId, messageId }) => deliverEmail(runtime, workspaceId, messageId));
  await runtime.jobs.work("chat.email_fallback", async ({ workspaceId, messageId }) => {
    await sendChatFallback(runtime, workspaceId, messageId);
  });
  const sweep = () => {
    sweepPendingDeliveries(runtime).catch((err: unknown) => {
      log.warn({ err, module: "jobs" }, "delivery sweep failed");
    });
  };
  sweep();
  const timer = setInterval(sweep, 60_000);
  timer.unref();
  const stopRetention = startRetention(runtime, log);
  const stopIndexer = startSearchIndexer(runtime.db, log);
  return () => {
    clearInterval(timer);
    stopRetention();
    stopIndexer();
  };
}

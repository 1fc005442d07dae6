import type { BulkConversationsBody, BulkConversationsResult, ConversationAction, ConversationDto } from "@atende/shared";
import type { Actor, Ctx, Runtime } from "../../core/context.js";
import { AppError } from "../../lib/app-error.js";
import { problemOf } from "../../plugins/error-handler.js";
import { renderCannedResponse } from "../canned-responses/service.js";
import { createMessage } from "../messages/service.js";
import { mergeConversations } from "./merge.js";
import { getConversation, updateConversation } from "./service.js";

/**
 * Runs one command of the action catalogue on a conversation, as `ctx.actor` (an agent, a rule, a
 * macro, the virtual attendant, the system): it validates, writes, records the activity by that
 * actor and raises the events, through the same service functions the API's own routes use.
 */
export async function runAction(ctx: Ctx, conversationId: string, action: ConversationAction): Promise<void> {
  switch (action.type) {
    case "assign":
      await updateConversation(ctx, conversationId, { assigneeId: action.agentId });
      return;
    case "assign_team":
      await updateConversation(ctx, conversationId, { teamId: action.teamId });
      return;
    case "add_tags":
      await updateConversation(ctx, conversationId, { addTags: action.tags });
      return;
    case "remove_tags":
      await updateConversation(ctx, conversationId, { removeTags: action.tags });
      return;
    case "set_priority":
      await updateConversation(ctx, conversationId, { priority: action.priority });
      return;
    case "set_status":
      await updateConversation(ctx, conversationId, { status: action.status });
      return;
    case "snooze":
      await updateConversation(ctx, conversationId, { status: "snoozed", snoozedUntil: action.until });
      return;
    case "add_note":
      await createMessage(ctx, conversationId, { body: action.body, private: true, direction: "outgoing" });
      return;
    case "reply": {
      const body = action.cannedResponseId ? (await renderCannedResponse(ctx, action.cannedResponseId, conversationId)).body : action.body;
      if (body === undefined) throw AppError.invalidField("body", "give either a body or a cannedResponseId", "required");
      await createMessage(ctx, conversationId, { body, private: false, direction: "outgoing" });
      return;
    }
    case "merge":
      await mergeConversations(ctx, conversationId, action.otherId);
      return;
    case "hand_off":
      // Back in a person's queue: open, to the team and agent named (unassigned when none is).
      await updateConversation(ctx, conversationId, {
        status: "open",
        assigneeId: action.agentId ?? null,
        ...(action.teamId ? { teamId: action.teamId } : {}),
      });
      if (action.note) await createMessage(ctx, conversationId, { body: action.note, private: true, direction: "outgoing" });
      return;
  }
}

/** Runs the actions in order on one conversation, in one transaction; returns it as it ends. */
export async function runActions(runtime: Runtime, actor: Actor, conversationId: string, actions: ConversationAction[]): Promise<ConversationDto> {
  return runtime.transact(actor, async (ctx) => {
    for (const [i, action] of actions.entries()) {
      await runAction(ctx, conversationId, action).catch((err: unknown) => {
        throw withPath(err, `actions.${String(i)}`, ACTION_FIELDS[action.type] ?? {});
      });
    }
    return getConversation(ctx, conversationId);
  });
}

/** An action's fields that the conversation's change names otherwise (the change's name → the action's). */
const ACTION_FIELDS: Partial<Record<ConversationAction["type"], Record<string, string>>> = {
  assign: { assigneeId: "agentId" },
  add_tags: { addTags: "tags" },
  remove_tags: { removeTags: "tags" },
  snooze: { snoozedUntil: "until" },
};

/** A field error of the i-th action names it as the action does (`actions.2.agentId`, `actions.0.until`). */
function withPath(err: unknown, prefix: string, renamed: Record<string, string>): unknown {
  if (!(err instanceof AppError) || !err.errors) return err;
  const named = (path: string) => {
    const [head = "", ...rest] = path.split(".");
    return [renamed[head] ?? head, ...rest].join(".");
  };
  const errors = err.errors.map((e) => ({ ...e, path: `${prefix}.${named(e.path)}` }));
  // A message that said which field ("snoozedUntil: must be…") says it as the action names it.
  const saidFields = err.errors.length > 0 && err.errors.every((e) => err.message.includes(`${e.path}: `));
  return new AppError(err.code, saidFields ? errors.map((e) => `${e.path}: ${e.message}`).join("; ") : err.message, errors);
}

/**
 * `POST /conversations/bulk`: the same actions on each conversation, one transaction each, so one
 * refused (not found, not allowed, invalid for it) leaves the others done. Unexpected failures are
 * thrown: the request fails as a whole rather than claim what it does not know.
 */
export async function runBulk(runtime: Runtime, actor: Actor, body: BulkConversationsBody): Promise<BulkConversationsResult> {
  const results: BulkConversationsResult["results"] = [];
  for (const id of [...new Set(body.ids)]) {
    try {
      await runActions(runtime, actor, id, body.actions);
      results.push({ id, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, ok: false, error: problemOf(err.code, err.message, err.errors) });
    }
  }
  return { results };
}

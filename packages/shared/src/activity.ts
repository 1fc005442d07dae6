import type { ActivityDto } from "./schemas/message.js";

/** The English sentence for an activity, stored as the message body; clients may translate from the structured fields. */
export function describeActivity(a: ActivityDto): string {
  const from = a.from ?? "none";
  const to = a.to ?? "none";
  switch (a.action) {
    case "created":
      return `${a.actorName} started the conversation`;
    case "status":
      return `${a.actorName} changed the status from ${from} to ${to}`;
    case "assignee":
      return a.to === null ? `${a.actorName} unassigned ${from}` : `${a.actorName} assigned the conversation to ${to}`;
    case "team":
      return a.to === null ? `${a.actorName} removed the team ${from}` : `${a.actorName} moved the conversation to team ${to}`;
    case "tags":
      return `${a.actorName} changed the tags from [${from === "none" ? "" : from}] to [${to === "none" ? "" : to}]`;
    case "priority":
      return `${a.actorName} changed the priority from ${from} to ${to}`;
  }
}

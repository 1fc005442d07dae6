import { clip, type MailFailure } from "@atende/shared";
import { PrivateNetworkError } from "../../lib/private-networks.js";

/**
 * Why mail could not go or come, as a workspace is shown it: the server's own `answer` when it
 * gave one (a refused recipient or sign-in, a missing folder), that the server is on a network the
 * installation keeps workspaces out of, else only that it could not be reached (`unreachable`, a
 * sentence naming the server). How a connection failed (refused, timed out, a stranger's greeting)
 * stays in the log: shown, it would let a workspace map the network Atende runs in through the
 * host it names.
 */
export function mailFailure(err: unknown, answer: string | null, unreachable: string): { failure: MailFailure; text: string } {
  if (err instanceof PrivateNetworkError) return { failure: "private_network", text: err.message };
  if (answer !== null) return { failure: "refused", text: clip(answer, 1000) };
  return { failure: "unreachable", text: unreachable };
}

import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { z } from "zod";
import {
  ConversationCountsDto,
  ConversationDto,
  MessageDto,
  OpenedConversationDto,
  page,
  type ConversationFilters,
  type CreateMessageBody,
  type UpdateConversationBody,
} from "@atende/shared";
import { api } from "../../api/client.js";
import type { InboxQuery } from "./inbox-query.js";
import { countsPath, listPath, olderMessagesPath, openedPath } from "./paths.js";

export const conversationKeys = {
  all: ["conversations"] as const,
  list: (inboxQuery: InboxQuery | null) => ["conversations", "list", inboxQuery] as const,
  counts: (filters: ConversationFilters) => ["conversations", "counts", filters] as const,
  one: (id: string) => ["conversations", "one", id] as const,
  messages: (id: string) => ["messages", id] as const,
};

const ConversationPage = page(ConversationDto);

/** A view's conversations in the chosen order, a page of 100 at a time as the list scrolls; nothing is asked for a null query. */
export function useConversationList(inboxQuery: InboxQuery | null) {
  return useInfiniteQuery({
    queryKey: conversationKeys.list(inboxQuery),
    queryFn: ({ pageParam, signal }) => api(ConversationPage, listPath(inboxQuery ?? {}, pageParam), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: inboxQuery !== null,
  });
}

export function useConversationCounts(filters: ConversationFilters) {
  return useQuery({
    queryKey: conversationKeys.counts(filters),
    queryFn: ({ signal }) => api(ConversationCountsDto, countsPath(filters), { signal }),
  });
}

/** What a conversation's opening brings: the conversation and its newest messages, newest first. */
const OpenedPage = OpenedConversationDto.required({ messages: true });
/** A conversation's timeline as far as it is loaded: its messages oldest first, and where older ones begin. */
export type LoadedTimeline = { messages: MessageDto[]; olderCursor: string | null };

/** Openings under way, by conversation: the conversation's and its timeline's queries share one request. */
const opening = new Map<string, Promise<z.infer<typeof OpenedPage>>>();

/**
 * Opens a conversation in one request, its newest messages with it, and keeps both in the cache.
 * The timeline's older pages, once loaded, stay before the fresh newest page.
 */
async function openConversation(client: QueryClient, id: string): Promise<{ conversation: ConversationDto; timeline: LoadedTimeline }> {
  let pending = opening.get(id);
  if (!pending) {
    pending = api(OpenedPage, openedPath(id)).finally(() => opening.delete(id));
    opening.set(id, pending);
  }
  const { messages: newest, ...conversation } = await pending;
  const fresh = newest.items.toReversed();
  const loaded = client.getQueryData<LoadedTimeline>(conversationKeys.messages(id));
  const first = fresh[0]?.id;
  const older = first && newest.nextCursor ? (loaded?.messages.filter((m) => m.id < first) ?? []) : [];
  const timeline = older.length > 0 && loaded ? { messages: [...older, ...fresh], olderCursor: loaded.olderCursor } : { messages: fresh, olderCursor: newest.nextCursor };
  client.setQueryData(conversationKeys.one(id), conversation);
  client.setQueryData(conversationKeys.messages(id), timeline);
  return { conversation, timeline };
}

/** One conversation; shown at once from the list it was chosen in while the fresh copy loads. Nothing is fetched for an empty id. */
export function useConversation(id: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: conversationKeys.one(id),
    // Opening it brings its timeline in the same request; once open, a refresh is the conversation alone.
    queryFn: async ({ signal }) =>
      client.getQueryData(conversationKeys.messages(id)) && !opening.has(id)
        ? api(ConversationDto, `/conversations/${id}`, { signal })
        : (await openConversation(client, id)).conversation,
    enabled: id !== "",
    // The list's copy shows at once; being dated 0 it is refetched straight away.
    initialData: (): ConversationDto | undefined => {
      for (const [, list] of client.getQueriesData<InfiniteData<z.infer<typeof ConversationPage>>>({ queryKey: ["conversations", "list"] })) {
        const found = list?.pages.flatMap((p) => p.items).find((c) => c.id === id);
        if (found) return found;
      }
      return undefined;
    },
    initialDataUpdatedAt: 0,
  });
}

/** A conversation's timeline: its newest messages, then older pages as the agent asks for them. */
export function useMessages(conversationId: string) {
  const client = useQueryClient();
  return useQuery(messagesQuery(client, conversationId));
}

/** Loads a conversation and its timeline before it is opened (a row hovered or focused), so that opening it is instant. */
export function usePrefetchMessages() {
  const client = useQueryClient();
  return useCallback(
    (conversationId: string) => {
      client.query({ ...messagesQuery(client, conversationId), staleTime: 10_000 }).catch(() => undefined); // opening it will say what went wrong
    },
    [client],
  );
}

function messagesQuery(client: QueryClient, conversationId: string) {
  return {
    queryKey: conversationKeys.messages(conversationId),
    queryFn: async () => (await openConversation(client, conversationId)).timeline,
  };
}

const MessagePage = page(MessageDto);

/** Loads the page of messages before those loaded (given its cursor) and puts it before them. */
export function useOlderMessages(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (cursor: string) => api(MessagePage, olderMessagesPath(conversationId, cursor)),
    onSuccess: (older, cursor) => {
      client.setQueryData<LoadedTimeline>(conversationKeys.messages(conversationId), (loaded) =>
        // A refresh meanwhile started the timeline again: this page no longer joins it.
        loaded?.olderCursor === cursor ? { messages: [...older.items.toReversed(), ...loaded.messages], olderCursor: older.nextCursor } : loaded,
      );
    },
  });
}

/** A timeline with `change` made to its messages. */
export function withMessages(loaded: LoadedTimeline | undefined, change: (messages: MessageDto[]) => MessageDto[]): LoadedTimeline | undefined {
  return loaded && { ...loaded, messages: change(loaded.messages) };
}

/** A timeline with `message` at its end, unless it is there already. */
export function withNewMessage(loaded: LoadedTimeline | undefined, message: MessageDto): LoadedTimeline | undefined {
  return withMessages(loaded, (messages) => (messages.some((m) => m.id === message.id) ? messages : [...messages, message]));
}

/** Changes a conversation; the lists and counts follow. */
export function useUpdateConversation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateConversationBody }) =>
      api(ConversationDto, `/conversations/${id}`, { method: "PATCH", body: changes }),
    onSuccess: (conversation) => {
      client.setQueryData(conversationKeys.one(conversation.id), conversation);
      void client.invalidateQueries({ queryKey: conversationKeys.all });
      void client.invalidateQueries({ queryKey: conversationKeys.messages(conversation.id) });
    },
  });
}

/** Sends a reply or adds a note; the timeline shows it at once. */
export function useSendMessage(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<CreateMessageBody> & { body: string }) =>
      api(MessageDto, `/conversations/${conversationId}/messages`, { method: "POST", body }),
    onSuccess: (message) => {
      client.setQueryData<LoadedTimeline>(conversationKeys.messages(conversationId), (loaded) => withNewMessage(loaded, message));
      void client.invalidateQueries({ queryKey: conversationKeys.all });
    },
  });
}

/** Sends a reply whose delivery failed once more; the timeline shows it pending again. */
export function useRetryDelivery(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => api(MessageDto, `/conversations/${conversationId}/messages/${messageId}/retry`, { method: "POST", body: {} }),
    onSuccess: (message) => {
      client.setQueryData<LoadedTimeline>(conversationKeys.messages(conversationId), (loaded) =>
        withMessages(loaded, (messages) => messages.map((m) => (m.id === message.id ? message : m))),
      );
    },
  });
}

/** Tells the customer (and teammates) that this conversation's messages were seen. */
export function markRead(conversationId: string): Promise<unknown> {
  return api(z.object({ read: z.number() }), `/conversations/${conversationId}/read`, { method: "POST", body: {} });
}

import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useCallback } from "react";
import { z } from "zod";
import {
  ConversationCountsDto,
  ConversationDto,
  MessageDto,
  page,
  type ConversationFilters,
  type CreateMessageBody,
  type UpdateConversationBody,
} from "@atende/shared";
import { api } from "../../api/client.js";
import type { InboxQuery } from "./inbox-query.js";
import { countsPath, listPath, messagesPath } from "./paths.js";

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

/** One conversation; shown at once from the list it was chosen in while the fresh copy loads. Nothing is fetched for an empty id. */
export function useConversation(id: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: conversationKeys.one(id),
    queryFn: ({ signal }) => api(ConversationDto, `/conversations/${id}`, { signal }),
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

const MessagePage = page(MessageDto);

/** A conversation's whole timeline, oldest first (page after page). */
export function useMessages(conversationId: string) {
  return useQuery(messagesQuery(conversationId));
}

/** Loads a conversation's timeline before it is opened (a row hovered or focused), so that opening it is instant. */
export function usePrefetchMessages() {
  const client = useQueryClient();
  return useCallback(
    (conversationId: string) => {
      client.query({ ...messagesQuery(conversationId), staleTime: 10_000 }).catch(() => undefined); // opening it will say what went wrong
    },
    [client],
  );
}

function messagesQuery(conversationId: string) {
  return {
    queryKey: conversationKeys.messages(conversationId),
    queryFn: async ({ signal }: { signal: AbortSignal }) => {
      const items: MessageDto[] = [];
      let cursor: string | undefined;
      do {
        const next = await api(MessagePage, messagesPath(conversationId, cursor), { signal });
        items.push(...next.items);
        cursor = next.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  };
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
      client.setQueryData<MessageDto[]>(conversationKeys.messages(conversationId), (old) =>
        old && !old.some((m) => m.id === message.id) ? [...old, message] : old,
      );
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
      client.setQueryData<MessageDto[]>(conversationKeys.messages(conversationId), (old) => old?.map((m) => (m.id === message.id ? message : m)));
    },
  });
}

/** Tells the customer (and teammates) that this conversation's messages were seen. */
export function markRead(conversationId: string): Promise<unknown> {
  return api(z.object({ read: z.number() }), `/conversations/${conversationId}/read`, { method: "POST", body: {} });
}

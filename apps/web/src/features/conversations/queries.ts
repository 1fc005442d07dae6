import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  CONVERSATION_VIEWS,
  ConversationCountsDto,
  ConversationDto,
  MessageDto,
  page,
  type ConversationFilters,
  type ConversationView,
  type CreateMessageBody,
  type UpdateConversationBody,
} from "@atende/shared";
import { api } from "../../api/client.js";

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  return search.toString();
};

export const conversationKeys = {
  all: ["conversations"] as const,
  list: (view: ConversationView, filters: ConversationFilters) => ["conversations", "list", view, filters] as const,
  counts: (filters: ConversationFilters) => ["conversations", "counts", filters] as const,
  one: (id: string) => ["conversations", "one", id] as const,
  messages: (id: string) => ["messages", id] as const,
};

const ConversationPage = page(ConversationDto);

/** A view's conversations, newest activity first, a page of 100 at a time as the list scrolls. */
export function useConversationList(view: ConversationView, filters: ConversationFilters) {
  return useInfiniteQuery({
    queryKey: conversationKeys.list(view, filters),
    queryFn: ({ pageParam, signal }) =>
      api(ConversationPage, `/conversations?${query({ ...CONVERSATION_VIEWS[view], ...filters, limit: 100, cursor: pageParam })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useConversationCounts(filters: ConversationFilters) {
  return useQuery({
    queryKey: conversationKeys.counts(filters),
    queryFn: ({ signal }) => api(ConversationCountsDto, `/conversations/counts?${query(filters)}`, { signal }),
  });
}

/** One conversation; nothing is fetched for an empty id. */
export function useConversation(id: string) {
  return useQuery({
    queryKey: conversationKeys.one(id),
    queryFn: ({ signal }) => api(ConversationDto, `/conversations/${id}`, { signal }),
    enabled: id !== "",
  });
}

const MessagePage = page(MessageDto);

/** A conversation's whole timeline, oldest first (page after page). */
export function useMessages(conversationId: string) {
  return useQuery({
    queryKey: conversationKeys.messages(conversationId),
    queryFn: async ({ signal }) => {
      const items: MessageDto[] = [];
      let cursor: string | undefined;
      do {
        const next = await api(MessagePage, `/conversations/${conversationId}/messages?${query({ limit: 100, cursor })}`, { signal });
        items.push(...next.items);
        cursor = next.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });
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

/** Tells the customer (and teammates) that this conversation's messages were seen. */
export function markRead(conversationId: string): Promise<unknown> {
  return api(z.object({ read: z.number() }), `/conversations/${conversationId}/read`, { method: "POST", body: {} });
}

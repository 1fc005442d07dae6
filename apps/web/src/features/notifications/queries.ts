import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { NotificationPageDto, type ReadNotificationsBody } from "@atende/shared";
import { api } from "../../api/client.js";

export const notificationKeys = { all: ["notifications"] as const };

/** The agent's latest notifications and how many are unread; kept fresh by the live connection. */
export function useNotifications() {
  return useQuery({ queryKey: notificationKeys.all, queryFn: ({ signal }) => api(NotificationPageDto, "/notifications?limit=30", { signal }) });
}

/** Marks some notifications read (ids, a conversation's, or all). */
export function useReadNotifications() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReadNotificationsBody) => api(z.object({ unread: z.number() }), "/notifications/read", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

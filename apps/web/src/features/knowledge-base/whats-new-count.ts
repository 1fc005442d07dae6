import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { WhatsNewDto } from "@atende/shared";
import { api } from "../../api/client.js";
import { useRealtime } from "../../realtime/realtime-context.js";
import { articleKeys } from "./keys.js";

/**
 * How many internal articles were published or changed since the agent last looked at What's new:
 * the number on the knowledge base's button. Kept current by the articles' live events.
 */
export function useWhatsNewCount(): number {
  const client = useQueryClient();
  const realtime = useRealtime();
  const count = useQuery({
    queryKey: articleKeys.whatsNewCount,
    queryFn: ({ signal }) => api(WhatsNewDto, "/articles/whats-new?limit=1", { signal }),
    staleTime: 5 * 60_000,
    select: (data) => data.unread,
  });
  useEffect(
    () =>
      realtime.onEvent((event) => {
        // Rare (a writer saved): whatever shows articles is read again, the count among them.
        if (event.type.startsWith("article.")) void client.invalidateQueries({ queryKey: articleKeys.all });
      }),
    [realtime, client],
  );
  return count.data ?? 0;
}

import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useMatch, useNavigate } from "react-router";
import { ConversationDto } from "@atende/shared";
import { api } from "../api/client.js";
import { useSignedIn } from "../features/auth/use-session.js";
import { conversationKeys } from "../features/conversations/queries.js";
import { useRealtime } from "./realtime-context.js";
import { unreadStore } from "./unread.js";
import { contactName } from "../features/contacts/contact-name.js";

/** A desktop notification when the tab is in the background and the agent allowed them; clicking it opens the conversation. */
function desktop(title: string, body: string, open: () => void): void {
  if (!("Notification" in window) || Notification.permission !== "granted" || document.visibilityState === "visible") return;
  const shown = new Notification(title, { body, tag: title });
  shown.onclick = () => {
    window.focus();
    open();
  };
}

/**
 * Tells the agent what concerns them: a customer's new message in one of their conversations (an
 * unread badge on Mine, and a desktop notification in the background) and a teammate's @mention.
 */
export function Notifier() {
  const { t } = useTranslation();
  const me = useSignedIn().agent.id;
  const realtime = useRealtime();
  const client = useQueryClient();
  const navigate = useNavigate();
  const viewing = useMatch("/conversations/:id")?.params.id;
  useEffect(() => {
    const ask = () => {
      if ("Notification" in window && Notification.permission === "default") void Notification.requestPermission();
    };
    document.addEventListener("click", ask, { once: true }); // browsers ask only after a gesture
    return () => {
      document.removeEventListener("click", ask);
    };
  }, []);
  useEffect(
    () =>
      realtime.onEvent((event) => {
        const id = event.conversationId;
        if (!id) return;
        const open = () => void navigate(`/conversations/${id}`);
        if (event.type === "agent.mentioned" && event.payload.agentId === me) {
          const title = t("notifications.mentioned", { name: event.payload.by });
          notifications.show({ title, message: event.payload.preview, onClick: open, style: { cursor: "pointer" } });
          desktop(title, event.payload.preview, open);
          return;
        }
        if (event.type !== "message.created") return;
        const { message } = event.payload;
        if (message.direction !== "incoming" || message.kind !== "reply") return;
        void client
          .query({ queryKey: conversationKeys.one(id), queryFn: () => api(ConversationDto, `/conversations/${id}`), staleTime: 5_000 })
          .then((conversation) => {
            if (conversation.assignee?.id !== me) return;
            if (id !== viewing || document.visibilityState !== "visible") unreadStore.add(id);
            desktop(t("notifications.newMessage", { name: contactName(conversation.contact, t) }), message.body.slice(0, 160), open);
          })
          .catch(() => undefined); // a conversation that cannot be read now is not worth a notification
      }),
    [realtime, client, me, navigate, t, viewing],
  );
  useEffect(() => {
    if (viewing) unreadStore.seen(viewing);
  }, [viewing]);
  return null;
}

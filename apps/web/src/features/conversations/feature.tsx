import { IconInbox } from "@tabler/icons-react";
import type { WebFeature } from "../web-feature.js";
import { InboxPage } from "./inbox-page.js";

export const feature: WebFeature = {
  name: "conversations",
  routes: [
    { path: "/", element: <InboxPage /> },
    { path: "/conversations/:id", element: <InboxPage /> },
  ],
  navigation: { label: "app.inbox", icon: IconInbox, path: "/", order: 10 },
};

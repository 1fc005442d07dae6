import { IconAddressBook } from "@tabler/icons-react";
import { lazyExport, type WebFeature } from "../web-feature.js";

const ContactsPage = lazyExport(() => import("./contacts-page.js"), "ContactsPage");

export const feature: WebFeature = {
  name: "contacts",
  routes: [
    { path: "/contacts", element: <ContactsPage /> },
    { path: "/contacts/:id", element: <ContactsPage /> },
  ],
  navigation: { label: "contacts.title", icon: IconAddressBook, path: "/contacts", order: 15 },
};

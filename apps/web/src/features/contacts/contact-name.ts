import type { TFunction } from "i18next";

type Contact = { id: string; name: string | null; email?: string | null; phone?: string | null };

/**
 * What a customer is called on screen: their name, else their e-mail or phone, else "Visitor" and the
 * end of their id, so that anonymous chat visitors are people that can be told apart.
 */
export function contactName(contact: Contact, t: TFunction): string {
  return contact.name ?? contact.email ?? contact.phone ?? t("contact.anonymous", { tag: contact.id.slice(-4) });
}

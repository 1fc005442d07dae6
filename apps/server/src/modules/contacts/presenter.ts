import type { ContactDto, ContactSummary } from "@atende/shared";
import type { contacts } from "../../db/schema/index.js";

type ContactRow = typeof contacts.$inferSelect;

export function toContactDto(row: ContactRow): ContactDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    unverifiedEmail: row.unverifiedEmail,
    phone: row.phone,
    company: row.company,
    customAttributes: row.customAttributes,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toContactSummary(row: Pick<ContactRow, "id" | "name" | "email" | "phone">): ContactSummary {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone };
}

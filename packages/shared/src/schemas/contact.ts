import { z } from "zod";
import { CustomAttributes, Email, Id, optionalLine, PageQuery, text, Timestamp, someChange } from "./common.js";

const Phone = optionalLine(40);

export const ContactDto = z.object({
  id: Id,
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** An address the customer gave that nobody proved (a chat visitor typed it): shown as unverified, never matched. */
  unverifiedEmail: z.string().nullable(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  customAttributes: z.record(z.string(), z.unknown()),
  notes: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ContactDto = z.infer<typeof ContactDto>;

export const ContactSummary = ContactDto.pick({ id: true, name: true, email: true, phone: true });
export type ContactSummary = z.infer<typeof ContactSummary>;

export const ContactFields = z.object({
  name: optionalLine(200).nullable(),
  email: Email.nullable(),
  phone: Phone.nullable(),
  company: optionalLine(200).nullable(),
  customAttributes: CustomAttributes,
  notes: text(10_000)
    .transform((s) => (s.trim() === "" ? null : s)) // kept as written; only spaces is no note
    .nullable(),
});

export const CreateContactBody = ContactFields.partial().refine(
  (c) => Boolean(c.name ?? c.email ?? c.phone),
  { message: "give at least a name, an e-mail or a phone", path: ["email"] },
);
export type CreateContactBody = z.infer<typeof CreateContactBody>;

/** Changes a contact; `customAttributes` are merged into the stored ones (JSON merge patch: `null` removes a key). */
export const UpdateContactBody = someChange(ContactFields.partial());
export type UpdateContactBody = z.infer<typeof UpdateContactBody>;

/** Merges another contact into this one: its conversations, chats and details move here, and it is gone. */
export const MergeContactBody = z.object({ otherId: Id });
export type MergeContactBody = z.infer<typeof MergeContactBody>;

export const ListContactsQuery = PageQuery.extend({ q: text(200).optional() });
export type ListContactsQuery = z.infer<typeof ListContactsQuery>;

import { z } from "zod";
import { Email, Id, PageQuery, text, Timestamp } from "./common.js";

const Phone = text(40).transform((s) => s.trim());
const CustomAttributes = z
  .record(text(100), z.union([text(2000), z.number(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= 100, "must have at most 100 attributes");

export const ContactDto = z.object({
  id: Id,
  name: z.string().nullable(),
  email: z.string().nullable(),
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
  name: text(200).nullable(),
  email: Email.nullable(),
  phone: Phone.nullable(),
  company: text(200).nullable(),
  customAttributes: CustomAttributes,
  notes: text(10_000).nullable(),
});

export const CreateContactBody = ContactFields.partial().refine(
  (c) => Boolean(c.name ?? c.email ?? c.phone),
  { message: "give at least a name, an e-mail or a phone", path: ["email"] },
);
export type CreateContactBody = z.infer<typeof CreateContactBody>;

/** Changes a contact; `customAttributes` are merged into the stored ones (JSON merge patch: `null` removes a key). */
export const UpdateContactBody = ContactFields.partial();
export type UpdateContactBody = z.infer<typeof UpdateContactBody>;

export const ListContactsQuery = PageQuery.extend({ q: text(200).optional() });
export type ListContactsQuery = z.infer<typeof ListContactsQuery>;

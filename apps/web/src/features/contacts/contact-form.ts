import type { ContactDto, UpdateContactBody } from "@atende/shared";
import { ApiError } from "../../api/client.js";
import { attributeRows, attributesPatch, type AttributeRow } from "./attributes.js";

/** The contact panel's form: the profile's fields as text, and the custom attributes as rows. */
export type ContactForm = { name: string; email: string; phone: string; company: string; notes: string; attributes: AttributeRow[] };
/** The profile's one-line fields, in the order the panel shows them. */
export const FIELDS = ["name", "email", "phone", "company"] as const;

export const toForm = (c: ContactDto): ContactForm => ({
  name: c.name ?? "",
  email: c.email ?? "",
  phone: c.phone ?? "",
  company: c.company ?? "",
  notes: c.notes ?? "",
  attributes: attributeRows(c.customAttributes),
});
/** Empty inputs clear the field, attributes send only what changed; the server checks the rest and its errors appear beside the inputs. */
export const toBody = (f: ContactForm, stored: ContactDto["customAttributes"]): UpdateContactBody => {
  const customAttributes = attributesPatch(f.attributes, stored);
  return {
    name: f.name.trim() || null,
    email: f.email.trim() || null,
    phone: f.phone.trim() || null,
    company: f.company.trim() || null,
    notes: f.notes.trim() || null,
    ...(customAttributes ? { customAttributes } : {}),
  };
};

/** The server names an attribute's error by its name (`customAttributes.plan`); the form by its row. */
export function attributeErrorsByRow(error: unknown, rows: AttributeRow[]): unknown {
  if (!(error instanceof ApiError)) return error;
  const fields = error.fields.map((f) => {
    const name = /^customAttributes\.(.+)$/.exec(f.path)?.[1];
    const row = rows.findIndex((r) => r.key.trim() === name);
    return name !== undefined && row >= 0 ? { ...f, path: `attributes.${String(row)}.value` } : f;
  });
  return new ApiError(error.status, error.code, error.message, fields);
}

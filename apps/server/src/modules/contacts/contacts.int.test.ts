import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ContactDto } from "@atende/shared";
import { events } from "../../db/schema/index.js";
import { newConversation, useSignedInAdmin } from "../../test/test-app.js";

const env = useSignedInAdmin();

const create = async (payload: object) => {
  const res = await env.admin.request({ method: "POST", url: "/api/v1/contacts", payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ContactDto>();
};
const patch = (id: string, payload: object) => env.admin.request({ method: "PATCH", url: `/api/v1/contacts/${id}`, payload });

describe("a contact's fields left blank", () => {
  it("keeps nothing but spaces as no value (null), and refuses a contact that is only blanks", async () => {
    const contact = await create({ name: "  Ana Lima  ", email: "ana.blank@cliente.example", phone: "   ", company: " " });
    expect(contact).toMatchObject({ name: "Ana Lima", phone: null, company: null });
    const blanked = await patch(contact.id, { name: "   ", notes: "\n  \n" });
    expect(blanked.statusCode, blanked.body).toBe(200);
    expect(blanked.json<ContactDto>()).toMatchObject({ name: null, notes: null, email: "ana.blank@cliente.example" });
    const nobody = await env.admin.request({ method: "POST", url: "/api/v1/contacts", payload: { name: "   ", phone: " " } });
    expect(nobody.statusCode).toBe(422);
    // A canned response says something, on creation and on every change.
    const made = await env.admin.request({ method: "POST", url: "/api/v1/canned-responses", payload: { shortCode: "vazio", title: "Vazio", body: "Olá!" } });
    const id = made.json<{ id: string }>().id;
    for (const body of ["   ", "\n\t"]) {
      const res = await env.admin.request({ method: "PATCH", url: `/api/v1/canned-responses/${id}`, payload: { body } });
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("body");
    }
  });
});

describe("a contact's custom attributes", () => {
  it("merges the attributes an edit gives into the stored ones, and removes those given as null", async () => {
    const contact = await create({ name: "Lucie Dvořáková", customAttributes: { plan: "basic", orders: 3, vip: false } });
    const res = await patch(contact.id, { customAttributes: { plan: "pro", vip: null, city: "Brno" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ContactDto>().customAttributes).toEqual({ plan: "pro", orders: 3, city: "Brno" });
    // An edit of other fields leaves them as they are.
    const renamed = await patch(contact.id, { company: "Dvořák s.r.o." });
    expect(renamed.json<ContactDto>().customAttributes).toEqual({ plan: "pro", orders: 3, city: "Brno" });
  });

  it("refuses an attribute value that is not text, a number or a yes/no, naming it, and keeps the others", async () => {
    const contact = await create({ name: "Rui Costa", customAttributes: { plan: "basic" } });
    const res = await patch(contact.id, { customAttributes: { address: { street: "Rua Augusta" } } });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(["customAttributes.address"]);
    const again = await env.admin.request({ method: "GET", url: `/api/v1/contacts/${contact.id}` });
    expect(again.json<ContactDto>().customAttributes).toEqual({ plan: "basic" });
  });
});

describe("a contact's events", () => {
  it("are raised with each change: created (by an agent or by a new conversation's customer), updated naming the fields, merged naming what moved", async () => {
    const eventsOf = async (contactId: string) =>
      (await env.t.runtime.db.select().from(events).where(eq(events.workspaceId, env.admin.workspaceId)).orderBy(asc(events.id)))
        .filter((e) => e.type.startsWith("contact.") && (e.payload as { contactId?: string }).contactId === contactId)
        .map((e) => ({ type: e.type, payload: e.payload }));
    const written = await create({ name: "Tomáš Novák", email: "tomas@novak.example" });
    await patch(written.id, { phone: "+420 601 000 111", company: "Novák" });
    const { contactId: writer, conversationId } = await newConversation(env.admin, { email: "ana@cliente.example" });
    const merged = await env.admin.request({ method: "POST", url: `/api/v1/contacts/${written.id}/merge`, payload: { otherId: writer } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(await eventsOf(writer)).toEqual([{ type: "contact.created", payload: { contactId: writer } }]);
    expect(await eventsOf(written.id)).toEqual([
      { type: "contact.created", payload: { contactId: written.id } },
      { type: "contact.updated", payload: { contactId: written.id, fields: ["phone", "company"] } },
      { type: "contact.merged", payload: { contactId: written.id, mergedId: writer, conversationIds: [conversationId] } },
    ]);
  });
});

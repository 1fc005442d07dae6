/** Values a canned response may refer to, as `{{contact.firstName}}` or `{{agent.name}}`. */
export type TemplateContext = {
  contact: { name: string | null; email: string | null; phone: string | null; company: string | null };
  agent: { name: string; email: string };
  conversation: { number: number; subject: string | null };
};

function firstName(name: string | null): string {
  return name?.trim().split(/\s+/)[0] ?? "";
}

function variables(ctx: TemplateContext): Record<string, string> {
  return {
    "contact.name": ctx.contact.name ?? "",
    "contact.firstName": firstName(ctx.contact.name),
    "contact.email": ctx.contact.email ?? "",
    "contact.phone": ctx.contact.phone ?? "",
    "contact.company": ctx.contact.company ?? "",
    "agent.name": ctx.agent.name,
    "agent.firstName": firstName(ctx.agent.name),
    "agent.email": ctx.agent.email,
    "conversation.number": String(ctx.conversation.number),
    "conversation.subject": ctx.conversation.subject ?? "",
  };
}

/** Names a template may use, for editors and docs. */
export const TEMPLATE_VARIABLES = Object.keys(
  variables({
    contact: { name: null, email: null, phone: null, company: null },
    agent: { name: "", email: "" },
    conversation: { number: 0, subject: null },
  }),
);

/** Fills `{{variable}}` placeholders; unknown variables are left as written so a typo stays visible. */
export function fillTemplate(template: string, ctx: TemplateContext): string {
  const values = variables(ctx);
  // Its own names only: `{{constructor}}` or `{{toString}}` is no variable, whatever objects inherit.
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] ?? whole) : whole));
}

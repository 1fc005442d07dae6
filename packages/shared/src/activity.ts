import cs from "../../../locales/cs/activity.json" with { type: "json" };
import en from "../../../locales/en/activity.json" with { type: "json" };
import ptBR from "../../../locales/pt-BR/activity.json" with { type: "json" };
import type { Locale } from "./enums.js";
import type { ActivityDto } from "./schemas/message.js";

type Catalog = typeof en;
const CATALOGS: Record<Locale, Catalog> = { en, "pt-BR": ptBR, cs };

function word(catalog: Catalog, action: ActivityDto["action"], value: string | null): string {
  if (value === null) return catalog.none;
  if (action === "status") return (catalog.statuses as Record<string, string>)[value] ?? value; // unknown values read as written
  if (action === "priority") return (catalog.priorities as Record<string, string>)[value] ?? value;
  return value;
}

/** The tags an activity added and removed (it stores the lists before and after, joined by ", "). */
function tagChanges(a: ActivityDto): { added: string[]; removed: string[] } {
  const list = (v: string | null) => (v ? v.split(", ") : []);
  const before = list(a.from);
  const after = list(a.to);
  return { added: after.filter((t) => !before.includes(t)), removed: before.filter((t) => !after.includes(t)) };
}

function templateKey(a: ActivityDto): keyof Omit<Catalog, "none" | "statuses" | "priorities"> {
  switch (a.action) {
    case "assignee":
      return a.to === null ? "unassigned" : "assigned";
    case "team":
      return a.to === null ? "teamRemoved" : "team";
    case "tags": {
      const { added, removed } = tagChanges(a);
      if (removed.length === 0) return "tagsAdded";
      return added.length === 0 ? "tagsRemoved" : "tagsChanged";
    }
    default:
      return a.action;
  }
}

/** The sentence for an activity in a language (from `locales/`); English is what the timeline stores. */
export function describeActivity(a: ActivityDto, locale: Locale = "en"): string {
  const catalog = CATALOGS[locale];
  const { added, removed } = tagChanges(a);
  const values: Record<string, string> = {
    actor: a.actorName,
    from: word(catalog, a.action, a.from),
    to: word(catalog, a.action, a.to),
    added: added.join(", "),
    removed: removed.join(", "),
  };
  return catalog[templateKey(a)].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

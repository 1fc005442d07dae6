/** A text as an address's slug: "Loja Açaí & Cia" → "loja-acai-cia"; `fallback` when nothing is left. */
export function slugify(text: string, fallback: string, max = 50): string {
  const slug = text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");
  return slug || fallback;
}

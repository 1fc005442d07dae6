/**
 * The plain-text alternative of a formatted e-mail, as a person would type it: paragraphs apart,
 * list items with "- " or their number, quotes with "> ", links followed by their address.
 */
export function emailPlainText(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const lines = textOf(doc.body).split("\n").map((line) => line.trimEnd());
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

function textOf(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
  if (!(node instanceof HTMLElement)) return "";
  const inner = () => [...node.childNodes].map(textOf).join("");
  switch (node.tagName) {
    case "BR":
      return "\n";
    case "P":
    case "H1":
    case "H2":
    case "H3":
    case "H4":
    case "PRE":
      return `${inner()}\n\n`;
    case "UL":
    case "OL":
      return `${[...node.children].map((item, i) => `${node.tagName === "OL" ? `${String(i + 1)}.` : "-"} ${textOf(item).trim()}`).join("\n")}\n\n`;
    case "BLOCKQUOTE":
      return `${inner()
        .trim()
        .split("\n")
        .map((line) => (line ? `> ${line}` : ">"))
        .join("\n")}\n\n`;
    case "A": {
      const text = inner();
      const href = node.getAttribute("href") ?? "";
      return href && href !== text && `mailto:${text}` !== href ? `${text} (${href})` : text;
    }
    case "HR":
      return "\n---\n\n";
    default:
      return inner();
  }
}

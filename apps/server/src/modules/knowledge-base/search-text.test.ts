import { describe, expect, it } from "vitest";
import { czechStem } from "./czech-stem.js";
import { preferredLocale } from "./help-center/routes.js";
import { excerpt, markdownText, renderMarkdown } from "./markdown.js";
import { unaccent } from "@atende/shared";
import { czechStems, numberForms, otherWordings, queryKeys, withJoinedCompounds } from "./search-text.js";
import { matchingPassage } from "./snippet.js";

describe("the light Czech stemmer", () => {
  it.each([
    [["faktura", "faktury", "faktuře", "fakturou", "fakturách"], "faktur"],
    [["objednávka", "objednávky", "objednávku", "objednávce"], "objednávk"],
    [["heslo", "hesla", "hesel", "heslem"], "hesl"],
    [["router", "routeru", "routerem", "routery"], "routr"],
  ])("gives %j one key (%s)", (forms, stem) => {
    expect(new Set(forms.map((form) => unaccent(czechStem(form))))).toEqual(new Set([unaccent(stem)]));
  });

  it("leaves short words alone", () => {
    expect(czechStem("mít")).toBe("mít");
  });
});

describe("search keys", () => {
  it("stems Czech without accents, so a question typed without them meets the articles", () => {
    expect(czechStems("Stěhování služby")).toBe(czechStems("stehovani sluzby"));
    expect(queryKeys("cs", "Kde je můj balík?")).toEqual(["balik"]);
  });

  it("leaves out function words, one-letter words and repeats, unless nothing else is left", () => {
    expect(queryKeys("pt-BR", "cadê o meu pedido, o pedido")).toEqual(["meu", "pedido"]);
    expect(queryKeys("en", "a b c")).toEqual([]);
    expect(queryKeys("cs", "co to je")).toEqual(["co", "to", "je"]);
    // "Can" and "can't" say how, not what: left out in Portuguese as "can" is in English and "může" in Czech.
    expect(queryKeys("pt-BR", "não consigo pagar, posso usar pix?")).toEqual(["pagar", "usar", "pix"]);
  });

  it("reads chat spellings as their words, and leaves out short negations and Portuguese function words typed without accents", () => {
    // "quando" and "da" stay: PostgreSQL's Portuguese list leaves them out, as it does not "nao".
    expect(queryKeys("pt-BR", "qdo vc vai mandar? hj nao da")).toEqual(["quando", "vai", "mandar", "hoje", "da"]);
    expect(queryKeys("en", "it hasn't arrived and I won't wait, pls")).toEqual(["it", "has", "not", "arrived", "and", "will", "wait", "please"]); // all but two, PostgreSQL's stopwords
    expect(queryKeys("cs", "teď už tím nic nespravíte")).toEqual([unaccent(czechStem("nespravíte"))]);
  });

  it("knows the other ways a word is said: British and American, Portugal and Brazil, spoken and negated Czech, a unit glued to its number, then words of the same meaning", () => {
    expect(otherWordings("en", "the colour of the 5ghz network")).toEqual(
      new Map([
        ["colour", ["color"]],
        ["5ghz", ["ghz"]],
      ]),
    );
    expect(otherWordings("pt-BR", "a encomenda e o contacto").get("encomenda")?.[0]).toBe("pedido"); // Portugal's word first, then its synonyms
    expect(otherWordings("en", "the guarantee").get("guarantee")).toContain("warranty");
    expect(otherWordings("pt-BR", "o contacto").get("contacto")).toEqual(["contato"]);
    const key = (w: string) => unaccent(czechStem(w));
    expect(otherWordings("cs", "žlutej kabel neodešlo").get(key("žlutej"))).toEqual([key("žlutý")]);
    expect(otherWordings("cs", "neodešlo").get(key("neodešlo"))).toContain(key("odešlo"));
  });

  it("asks for both numbers of a Portuguese word the stemmer keeps apart without accents", () => {
    expect(numberForms("pt-BR", "configuracoes")).toEqual(["configuracoes", "configuracao"]);
    expect(numberForms("pt-BR", "mensagem")).toEqual(["mensagem", "mensagens"]);
    expect(numberForms("pt-BR", "canais")).toEqual(["canais", "canal"]);
    expect(numberForms("en", "channels")).toEqual(["channels"]);
  });

  it("also writes hyphenated compounds together", () => {
    expect(withJoinedCompounds("Wi-Fi and e-mail")).toBe("Wi-Fi and e-mail\nWiFi email");
    expect(queryKeys("en", "wi-fi")).toEqual(["wi", "fi", "wifi"]);
  });
});

describe("Markdown", () => {
  it("renders tables with alignment as classes (no inline styles) and drops what could run", () => {
    const html = renderMarkdown("| a | b |\n|:-|-:|\n| 1 | 2 |\n\n<script>x()</script><a href='javascript:y()' onmouseover='z()'>c</a>");
    expect(html).toContain('<th class="align-left">a</th>');
    expect(html).toContain('<td class="align-right">2</td>');
    expect(html).not.toMatch(/script|javascript|onmouseover|style=/);
  });

  it("gives its plain text for search, and excerpts at a word", () => {
    expect(markdownText("# Title\n\nSome **bold** `code`.\n\n- one\n- two")).toBe("Title\nSome bold code.\none\ntwo");
    expect(excerpt("Switch the router off, wait thirty seconds and switch it on again.", 40)).toBe("Switch the router off, wait thirty…");
  });

  it("quotes the passage that answers the question", () => {
    const plain = "Your bill is due on the 15th.\nTransfers take two days to show up.\nCards are charged at once.";
    expect(matchingPassage("en", plain, "how long does a transfer take", 40)).toBe("Transfers take two days to show up…");
  });
});

describe("the visitor's language", () => {
  it("is the first the browser asks for that the help center has, else its default", () => {
    expect(preferredLocale("pt-PT,pt;q=0.9,en;q=0.8", ["en", "pt-BR", "cs"], "en")).toBe("pt-BR");
    expect(preferredLocale("de,cs;q=0.5,en;q=0.7", ["en", "cs"], "cs")).toBe("en");
    expect(preferredLocale("de", ["en", "cs"], "cs")).toBe("cs");
    expect(preferredLocale(undefined, ["en"], "en")).toBe("en");
  });
});

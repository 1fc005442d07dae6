// The knowledge base's texts, in every language, added to the app's when its pages first load: they
// stay out of the first screen's JavaScript. The few the first screen shows (the header's button, the
// composer's) are in web.json.
import cs from "../../../../../locales/cs/knowledge-base.json";
import en from "../../../../../locales/en/knowledge-base.json";
import ptBR from "../../../../../locales/pt-BR/knowledge-base.json";
import { i18n } from "../../i18n.js";

for (const [locale, texts] of [["en", en], ["pt-BR", ptBR], ["cs", cs]] as const) i18n.addResourceBundle(locale, "translation", texts, true, false);

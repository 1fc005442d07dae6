import { z } from "zod";
import { clip, type Locale } from "@atende/shared";
import type { Config } from "../../config.js";

/** What the model must say when the article does not answer: then the plain passage is shown instead. */
const NO_ANSWER = "NO_ANSWER";

/** The longest article text the model is given, and the longest phrasing taken back. */
const ARTICLE_MAX = 4000;
const REPLY_MAX = 1200;

const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", "pt-BR": "Brazilian Portuguese", cs: "Czech" };

/** The part of an OpenAI-compatible chat-completions answer that is read; anything else is ignored. */
const Completion = z.object({ choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1) });

export type Phrasing = { question: string; title: string; article: string; passage: string; locale: Locale };

/**
 * Asks the configured language model (an OpenAI-compatible `POST {ATENDE_LLM_URL}/chat/completions`)
 * to answer the customer's question from the one article retrieval chose, in their language. The
 * retrieval, the confidence threshold and the hand-off rules stay the attendant's: the model only
 * words the answer, and anything but a usable text (no model, a timeout, an error, garbage, an
 * answer it says the article does not hold, too long) gives null, and the plain passage is shown.
 */
export async function phraseAnswer(config: Config, p: Phrasing, onError: (err: unknown) => void): Promise<string | null> {
  const llm = config.llm;
  if (!llm) return null;
  try {
    const res = await fetch(`${llm.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : {}) },
      signal: AbortSignal.timeout(llm.timeoutMs),
      body: JSON.stringify({
        model: llm.model,
        temperature: 0.2,
        messages: [
          {
            role: "system",
            content:
              `You are a customer-service assistant. Answer the customer's question in ${LANGUAGE_NAMES[p.locale]}, briefly and kindly, ` +
              `using ONLY the help-center article given. Do not add facts, prices, promises or links that are not in it. ` +
              `If the article does not answer the question, reply exactly ${NO_ANSWER}.`,
          },
          { role: "user", content: `Article: ${p.title}\n\n${clip(p.article, ARTICLE_MAX)}\n\nCustomer's question: ${p.question}` },
        ],
      }),
    });
    if (!res.ok) throw new Error(`the language model answered HTTP ${String(res.status)}`);
    const parsed = Completion.safeParse(await res.json());
    if (!parsed.success) throw new Error("the language model's answer is not a chat completion");
    const text = parsed.data.choices[0]?.message.content.trim() ?? "";
    if (text === "" || text.includes(NO_ANSWER) || text.length > REPLY_MAX) return null;
    return text;
  } catch (err) {
    onError(err);
    return null;
  }
}

import { Anchor, Loader, Modal, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { IconSearch } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SearchResultDto, type MessageHitDto, type SEARCH_TYPES } from "@atende/shared";
import { api } from "../../api/client.js";
import { contactName } from "../contacts/contact-name.js";

type SearchType = (typeof SEARCH_TYPES)[number];

function useSearch(q: string, type: SearchType) {
  return useQuery({
    queryKey: ["search", type, q],
    queryFn: ({ signal }) => api(SearchResultDto, `/search?${new URLSearchParams({ q, type, limit: "8" }).toString()}`, { signal }),
    enabled: q.length > 0,
    staleTime: 10_000,
  });
}

/** A matching passage with its matches (between « and ») in bold. */
function Headline({ hit }: { hit: MessageHitDto }) {
  const parts = hit.headline.split(/«|»/);
  return <>{parts.map((part, i) => (i % 2 ? <strong key={i}>{part}</strong> : part))}</>;
}

function Section({ title, children, empty }: { title: string; children: ReactNode[]; empty: boolean }) {
  if (empty) return null;
  return (
    <Stack gap={4}>
      <Title order={3} size="h6" c="dimmed">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** Search across conversations, contacts and messages (opened with `/`), best matches first. */
export function SearchDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [q] = useDebouncedValue(text.trim(), 200);
  const conversations = useSearch(q, "conversations");
  const contacts = useSearch(q, "contacts");
  const messages = useSearch(q, "messages");
  const items = <T extends SearchType>(r: typeof conversations, type: T) =>
    r.data?.type === type ? (r.data.items as Extract<SearchResultDto, { type: T }>["items"]) : []; // narrowed by the type check
  const found = { conversations: items(conversations, "conversations"), contacts: items(contacts, "contacts"), messages: items(messages, "messages") };
  const busy = conversations.isFetching || contacts.isFetching || messages.isFetching;
  const nothing = q.length > 0 && !busy && found.conversations.length + found.contacts.length + found.messages.length === 0;
  return (
    <Modal opened={opened} onClose={onClose} title={t("search.label")} size="lg">
      <Stack>
        <TextInput
          data-autofocus
          aria-label={t("search.placeholder")}
          placeholder={t("search.placeholder")}
          leftSection={busy ? <Loader size={14} /> : <IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
          }}
        />
        {nothing && <Text c="dimmed">{t("search.nothing", { query: q })}</Text>}
        <Section title={t("search.conversations")} empty={found.conversations.length === 0}>
          {found.conversations.map((c) => (
            <Anchor key={c.id} component={Link} to={`/conversations/${c.id}`} onClick={onClose} size="sm">
              #{c.number} · {contactName(c.contact, t)} — {c.subject ?? c.lastMessage?.preview ?? ""}
            </Anchor>
          ))}
        </Section>
        <Section title={t("search.contacts")} empty={found.contacts.length === 0}>
          {found.contacts.map((c) => (
            <Text key={c.id} size="sm">
              {contactName(c, t)} {c.name && c.email ? `<${c.email}>` : ""} {c.phone && (c.name ?? c.email) ? c.phone : ""}
            </Text>
          ))}
        </Section>
        <Section title={t("search.messages")} empty={found.messages.length === 0}>
          {found.messages.map((m) => (
            <Anchor key={m.id} component={Link} to={`/conversations/${m.conversationId}`} onClick={onClose} size="sm">
              #{m.conversationNumber}: <Headline hit={m} />
            </Anchor>
          ))}
        </Section>
      </Stack>
    </Modal>
  );
}

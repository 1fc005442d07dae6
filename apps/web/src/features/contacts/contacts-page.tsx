import { Box, Button, Center, NavLink, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useInfiniteQuery } from "@tanstack/react-query";
import { IconArrowLeft, IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ContactDto, page } from "@atende/shared";
import { api } from "../../api/client.js";
import { AppFrame } from "../../components/app-frame.js";
import { ErrorBoundary } from "../../components/error-boundary.js";
import { useLayout } from "../../components/layout.js";
import { LoadError } from "../../components/load-error.js";
import { ContactPanel } from "./contact-panel.js";
import { contactName } from "./contact-name.js";

const ContactPage = page(ContactDto);

/**
 * Every contact of the workspace, found by name, e-mail or phone (the search is in the address); one
 * opens beside the list with their details and every conversation they had. On a phone, one pane at a time.
 */
export function ContactsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [search] = useDebouncedValue(q.trim(), 250);
  const { phone } = useLayout();
  const contacts = useInfiniteQuery({
    queryKey: ["contacts", "list", search],
    queryFn: ({ pageParam, signal }) =>
      api(ContactPage, `/contacts?${new URLSearchParams({ limit: "50", ...(search ? { q: search } : {}), ...(pageParam ? { cursor: pageParam } : {}) }).toString()}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = contacts.data?.pages.flatMap((p) => p.items) ?? [];
  const border = "1px solid var(--mantine-color-default-border)";
  return (
    <AppFrame padding={0} mainStyle={{ display: "flex", height: "100dvh" }}>
      {!(phone && id) && (
        <Stack gap={0} w={phone ? "100%" : 340} style={{ borderRight: phone ? undefined : border, flexShrink: 0 }}>
          <Box p="sm">
            <TextInput
              aria-label={t("contacts.search")}
              placeholder={t("contacts.search")}
              leftSection={<IconSearch size={14} aria-hidden />}
              value={q}
              onChange={(e) => {
                const next = e.currentTarget.value;
                setParams(next ? { q: next } : {}, { replace: true });
              }}
            />
          </Box>
          <Box style={{ flex: 1, overflowY: "auto" }} component="nav" aria-label={t("contacts.title")}>
            {contacts.isError && <LoadError error={contacts.error} onRetry={() => void contacts.refetch()} />}
            {rows.map((c) => (
              <NavLink
                key={c.id}
                component={Link}
                to={`/contacts/${c.id}?${params.toString()}`}
                active={c.id === id}
                label={contactName(c, t)}
                description={[c.email ?? (c.unverifiedEmail ? `${c.unverifiedEmail} (${t("contact.unverified")})` : null), c.phone, c.company].filter(Boolean).join(" · ")}
              />
            ))}
            {contacts.isSuccess && rows.length === 0 && (
              <Text c="dimmed" p="md" ta="center">
                {search ? t("contacts.nothing", { query: search }) : t("contacts.none")}
              </Text>
            )}
            {contacts.hasNextPage && (
              <Center p="sm">
                <Button variant="subtle" size="xs" loading={contacts.isFetchingNextPage} onClick={() => void contacts.fetchNextPage()}>
                  {t("contacts.more")}
                </Button>
              </Center>
            )}
          </Box>
        </Stack>
      )}
      {!(phone && !id) && (
        <Box style={{ flex: 1, minWidth: 0 }} id="main-content" tabIndex={-1}>
          {id ? (
            <Stack gap={0} h="100%">
              {phone && (
                <Button variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} style={{ alignSelf: "flex-start" }} m="xs" onClick={() => void navigate(`/contacts?${params.toString()}`)}>
                  {t("contacts.back")}
                </Button>
              )}
              <Box style={{ flex: 1, minHeight: 0 }} maw={720}>
                <ErrorBoundary key={id}>
                  <ContactPanel key={id} contactId={id} />
                </ErrorBoundary>
              </Box>
            </Stack>
          ) : (
            <Center h="100%">
              <Text c="dimmed">{t("contacts.choose")}</Text>
            </Center>
          )}
        </Box>
      )}
    </AppFrame>
  );
}

import { Alert, Badge, Button, Group, JsonInput, Paper, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  AttendantAnswerDto,
  AttendantStatsDto,
  DEFAULT_VIRTUAL_ATTENDANT,
  HANDOFF_REASONS,
  InboxDto,
  LOCALES,
  type Locale,
  type VirtualAttendantSettings,
} from "@atende/shared";
import { api, ApiError } from "../../api/client.js";
import { fieldMessage, showError } from "../../api/errors.js";
import { CardTable } from "../../components/card-table.js";
import { GrowingTextarea } from "../../components/growing-textarea.js";
import { LoadError } from "../../components/load-error.js";
import { Loading } from "../../components/loading.js";
import { LOCALE_NAMES } from "../../i18n.js";
import { useSignedIn } from "../auth/use-session.js";
import { useInboxes } from "../conversations/conversation-actions.js";
import { TextWithLinks } from "../../components/text-with-links.js";

/**
 * Settings → Virtual attendant: per chat inbox, whether it answers, its name, when it works, its
 * greeting per language and its flows (JSON, checked by the server's schema); a box to try a
 * question; and what it did in the last 30 days.
 */
export function AttendantSettings() {
  const { t } = useTranslation();
  const inboxes = useInboxes();
  const [chosen, setChosen] = useState<string | null>(null);
  if (inboxes.isPending) return <Loading m="md" />;
  if (inboxes.isError) return <LoadError error={inboxes.error} onRetry={() => void inboxes.refetch()} />;
  const chats = inboxes.data.filter((i) => i.channel === "chat");
  const inbox = chats.find((i) => i.id === chosen) ?? chats[0];
  return (
    <Stack gap="lg" maw={760}>
      <Text c="dimmed">{t("attendant.intro")}</Text>
      {!inbox ? (
        <Alert color="blue" variant="light">
          {t("attendant.noChatInbox")}
        </Alert>
      ) : (
        <>
          {chats.length > 1 && (
            <Select label={t("attendant.inbox")} data={chats.map((i) => ({ value: i.id, label: i.name }))} value={inbox.id} onChange={setChosen} allowDeselect={false} />
          )}
          <AttendantForm key={`${inbox.id}-${String(inbox.virtualAttendant?.version ?? 0)}`} inbox={inbox} />
          <TryIt inboxId={inbox.id} />
        </>
      )}
      <Outcomes inboxes={chats} />
    </Stack>
  );
}

function AttendantForm({ inbox }: { inbox: InboxDto }) {
  const { t } = useTranslation();
  const { agent } = useSignedIn();
  const client = useQueryClient();
  const current = inbox.virtualAttendant ?? { ...DEFAULT_VIRTUAL_ATTENDANT, version: 0 };
  const [values, setValues] = useState<VirtualAttendantSettings>(current);
  const [flows, setFlows] = useState(JSON.stringify(current.flows, null, 2));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const readOnly = agent.role !== "admin";
  const save = useMutation({
    mutationFn: (virtualAttendant: VirtualAttendantSettings) => api(InboxDto, `/inboxes/${inbox.id}`, { method: "PATCH", body: { virtualAttendant } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("settings.saved") });
      await client.invalidateQueries({ queryKey: ["inboxes"] });
    },
  });
  const submit = () => {
    let parsedFlows: unknown;
    try {
      parsedFlows = JSON.parse(flows);
    } catch {
      setErrors({ flows: t("attendant.flowsNotJson") });
      return;
    }
    setErrors({});
    void save.mutateAsync({ ...values, flows: parsedFlows as VirtualAttendantSettings["flows"] }).catch((error: unknown) => {
      if (!(error instanceof ApiError) || error.fields.length === 0) {
        showError(error);
        return;
      }
      // A flow's problem is said with its place in the JSON (flows.0.steps.2.next); the others beside their field.
      const shown = error.fields.map((f): [string, string] => {
        const path = f.path.replace(/^virtualAttendant\./, "");
        return [path.startsWith("flows") ? "flows" : path, path.startsWith("flows") ? `${path}: ${fieldMessage(f)}` : fieldMessage(f)];
      });
      setErrors(Object.fromEntries(shown));
    });
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="attendant-settings">
      <Stack gap="sm">
        <Title order={2} size="h4" id="attendant-settings">
          {inbox.name}
        </Title>
        <Switch label={t("attendant.enabled")} checked={values.enabled} disabled={readOnly} onChange={(e) => { setValues({ ...values, enabled: e.currentTarget.checked }); }} />
        <TextInput label={t("attendant.name")} value={values.name} disabled={readOnly} error={errors.name} onChange={(e) => { setValues({ ...values, name: e.currentTarget.value }); }} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="attendant-when">
            {t("attendant.when")}
          </Text>
          <SegmentedControl
            aria-labelledby="attendant-when"
            disabled={readOnly}
            value={values.when}
            onChange={(when) => { setValues({ ...values, when: when === "offline" ? "offline" : "always" }); }}
            data={[
              { value: "always", label: t("attendant.always") },
              { value: "offline", label: t("attendant.offline") },
            ]}
          />
        </Stack>
        {LOCALES.map((locale: Locale) => (
          <GrowingTextarea
            key={locale}
            lang={locale}
            label={t("attendant.greeting", { language: LOCALE_NAMES[locale] })}
            placeholder={t("attendant.greetingDefault")}
            minRows={2}
            disabled={readOnly}
            value={values.greeting[locale] ?? ""}
            error={errors[`greeting.${locale}`]}
            onChange={(e) => {
              const text = e.currentTarget.value;
              const others = Object.entries(values.greeting).filter(([l]) => l !== locale);
              setValues({ ...values, greeting: Object.fromEntries(text.trim() === "" ? others : [...others, [locale, text]]) });
            }}
          />
        ))}
        <JsonInput label={t("attendant.flows")} description={t("attendant.flowsHelp")} value={flows} onChange={setFlows} autosize minRows={4} maxRows={20} disabled={readOnly} error={errors.flows} styles={{ input: { fontFamily: "monospace" } }} />
        {!readOnly && (
          <Group>
            <Button onClick={submit} loading={save.isPending}>
              {t("attendant.save")}
            </Button>
            {inbox.virtualAttendant && <Text size="xs" c="dimmed">{t("attendant.version", { version: inbox.virtualAttendant.version })}</Text>}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** The "try it" box: what the attendant would answer, without a conversation. */
function TryIt({ inboxId }: { inboxId: string }) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState("");
  const ask = useMutation({ mutationFn: (q: string) => api(AttendantAnswerDto, "/virtual-attendant/ask", { method: "POST", body: { question: q, inboxId } }) });
  const answer = ask.data;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="attendant-try">
      <Stack gap="sm">
        <Title order={2} size="h4" id="attendant-try">
          {t("attendant.tryIt")}
        </Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (question.trim()) void ask.mutateAsync(question).catch(showError);
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <TextInput style={{ flex: 1, minWidth: 200 }} label={t("attendant.question")} value={question} onChange={(e) => { setQuestion(e.currentTarget.value); }} />
            <Button type="submit" loading={ask.isPending}>
              {t("attendant.ask")}
            </Button>
          </Group>
        </form>
        {answer && (
          <Stack gap={4} role="status">
            <Group gap="xs">
              <Badge color={answer.outcome === "answer" ? "green" : answer.outcome === "handoff" ? "blue" : "gray"}>{t(`attendant.outcome.${answer.outcome}`)}</Badge>
              <Text size="xs" c="dimmed">
                {t("attendant.confidence", { value: Math.round(answer.confidence * 100) })} · {LOCALE_NAMES[answer.locale]}
              </Text>
            </Group>
            <TextWithLinks text={answer.reply} lang={answer.locale} />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** What the attendant did in the last 30 days, per inbox and language. */
function Outcomes({ inboxes }: { inboxes: InboxDto[] }) {
  const { t } = useTranslation();
  const stats = useQuery({ queryKey: ["virtual-attendant", "stats"], queryFn: () => api(AttendantStatsDto, "/virtual-attendant/stats") });
  const name = (id: string) => inboxes.find((i) => i.id === id)?.name ?? "";
  return (
    <Stack gap="sm" component="section" aria-labelledby="attendant-outcomes">
      <Title order={2} size="h4" id="attendant-outcomes">
        {t("attendant.outcomes")}
      </Title>
      {stats.isPending && <Loading />}
      {stats.isError && <LoadError error={stats.error} onRetry={() => void stats.refetch()} />}
      {stats.data?.rows.length === 0 && <Text c="dimmed">{t("attendant.noOutcomes")}</Text>}
      {stats.data && stats.data.rows.length > 0 && (
        <CardTable
          minWidth={560}
          rows={stats.data.rows}
          rowKey={(r) => `${r.inboxId}-${r.locale}`}
          columns={[
            { name: t("attendant.inbox"), value: (r) => name(r.inboxId) },
            { name: t("attendant.language"), value: (r) => LOCALE_NAMES[r.locale] },
            { name: t("attendant.conversations"), value: (r) => r.conversations },
            { name: t("attendant.resolved"), value: (r) => r.resolved },
            {
              name: t("attendant.handedOff"),
              value: (r) => (
                <>
                  {r.handedOff}
                  {r.handedOff > 0 && (
                    <Text size="xs" c="dimmed">
                      {HANDOFF_REASONS.filter((reason) => r.handoffReasons[reason] > 0)
                        .map((reason) => `${t(`attendant.reason.${reason}`)}: ${String(r.handoffReasons[reason])}`)
                        .join(" · ")}
                    </Text>
                  )}
                </>
              ),
            },
            { name: t("attendant.takenOver"), value: (r) => r.takenOver },
          ]}
        />
      )}
    </Stack>
  );
}

import { Anchor, Badge, Button, Divider, Group, ScrollArea, Skeleton, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";
import { ContactDto, ConversationDto, page, VisitDto } from "@atende/shared";
import { api } from "../../api/client.js";
import { showError } from "../../api/errors.js";
import { showFieldErrors } from "../../api/form-errors.js";
import { LoadError } from "../../components/load-error.js";
import { localTimeIn, relativeTime } from "../../format.js";
import { AttributesFields } from "./attributes-fields.js";
import { MergeContact } from "./merge-contact.js";
import { attributeErrorsByRow, FIELDS, toBody, toForm, type ContactForm } from "./contact-form.js";
import { GrowingTextarea } from "../../components/growing-textarea.js";

/** The customer beside the conversation: their profile (editable), notes, where they chat from, and their other conversations. */
export function ContactPanel({ contactId, conversationId }: { contactId: string; conversationId?: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const contact = useQuery({ queryKey: ["contacts", contactId], queryFn: () => api(ContactDto, `/contacts/${contactId}`) });
  const history = useQuery({
    queryKey: ["contacts", contactId, "conversations"],
    queryFn: () => api(page(ConversationDto), `/contacts/${contactId}/conversations?limit=10`),
  });
  const visits = useQuery({ queryKey: ["contacts", contactId, "visits"], queryFn: () => api(z.array(VisitDto), `/contacts/${contactId}/visits`) });
  const form = useForm<ContactForm>({ defaultValues: { name: "", email: "", phone: "", company: "", notes: "", attributes: [] } });
  const { reset } = form;
  useEffect(() => {
    if (contact.data) reset(toForm(contact.data));
  }, [contact.data, reset]);
  const save = useMutation({
    mutationFn: (values: ContactForm) => api(ContactDto, `/contacts/${contactId}`, { method: "PATCH", body: toBody(values, contact.data?.customAttributes ?? {}) }),
    onSuccess: (saved) => {
      client.setQueryData(["contacts", contactId], saved);
      void client.invalidateQueries({ queryKey: ["conversations"] });
      notifications.show({ color: "green", message: t("contact.saved") });
    },
    onError: (error, values) => {
      if (!showFieldErrors(form, attributeErrorsByRow(error, values.attributes))) showError(error);
    },
  });
  if (contact.isError) return <LoadError error={contact.error} onRetry={() => void contact.refetch()} />;
  const visit = visits.data?.[0];
  const visitorTime = visit?.context?.timeZone ? localTimeIn(visit.context.timeZone) : null;
  const others = (history.data?.items ?? []).filter((c) => c.id !== conversationId);
  return (
    <ScrollArea h="100%" component="aside" aria-label={t("contact.title")}>
      <Stack p="md" gap="sm">
        <Title order={2} size="h5">
          {t("contact.title")}
        </Title>
        {contact.isPending ? (
          <Skeleton height={220} />
        ) : (
          <form
            onSubmit={(e) =>
              void form.handleSubmit((values) => {
                save.mutate(values);
              })(e)
            }
          >
            <Stack gap="xs">
              {FIELDS.map((field) => (
                <TextInput key={field} size="xs" label={t(`contact.${field}`)} {...form.register(field)} error={form.formState.errors[field]?.message} />
              ))}
              <GrowingTextarea size="xs" label={t("contact.notes")} minRows={2} maxRows={8} {...form.register("notes")} error={form.formState.errors.notes?.message} />
              <AttributesFields form={form} stored={contact.data.customAttributes} />
              <Button type="submit" size="xs" loading={save.isPending} disabled={!form.formState.isDirty} style={{ alignSelf: "flex-start" }}>
                {t("contact.save")}
              </Button>
            </Stack>
          </form>
        )}
        {contact.data?.unverifiedEmail && (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Badge size="xs" color="orange" variant="light" style={{ flexShrink: 0 }}>
              {t("contact.unverified")}
            </Badge>
            <Text size="xs" style={{ overflowWrap: "anywhere" }} title={t("contact.unverifiedHelp")}>
              {t("contact.saidEmail", { email: contact.data.unverifiedEmail })}
            </Text>
          </Group>
        )}
        {contact.data && <MergeContact contact={contact.data} />}
        {visit?.context?.page && (
          <>
            <Divider />
            <Text size="xs">{t("contact.visit", { page: visit.context.page })}</Text>
            {visit.browser && (
              <Text size="xs" c="dimmed">
                {[visit.browser, visit.device && t(`contact.devices.${visit.device}`)].filter(Boolean).join(" · ")}
              </Text>
            )}
            {visitorTime && (
              <Text size="xs" c="dimmed">
                {t("contact.localTime", { time: visitorTime })}
                {visit.context.language ? ` · ${visit.context.language}` : ""}
              </Text>
            )}
          </>
        )}
        <Divider />
        <Title order={3} size="h6">
          {t("contact.previous")}
        </Title>
        {others.length === 0 && !history.isPending && (
          <Text size="xs" c="dimmed">
            {t("contact.noPrevious")}
          </Text>
        )}
        {others.map((c) => (
          <Group key={c.id} gap={6} wrap="nowrap" justify="space-between">
            <Anchor component={Link} to={`/conversations/${c.id}`} size="xs" truncate>
              #{c.number} {c.subject ?? c.lastMessage?.preview ?? ""}
            </Anchor>
            <Group gap={4} wrap="nowrap">
              <Text size="xs" c="dimmed">
                {relativeTime(c.lastActivityAt)}
              </Text>
              <Badge size="xs" variant="light">
                {t(`statuses.${c.status}`)}
              </Badge>
            </Group>
          </Group>
        ))}
      </Stack>
    </ScrollArea>
  );
}

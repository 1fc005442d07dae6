import { ActionIcon, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconX } from "@tabler/icons-react";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { ContactForm } from "./contact-form.js";

/** The contact's custom attributes in its form: each value editable, removable, and new ones added with a name. */
export function AttributesFields({
  form: { control, register, formState },
  stored,
}: {
  form: UseFormReturn<ContactForm>;
  /** The attributes saved now: their names are fixed; new rows get a name input. */
  stored: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const rows = useFieldArray({ control, name: "attributes" });
  return (
    <Stack gap={6}>
      <Text size="xs" fw={500}>
        {t("contact.attributes")}
      </Text>
      {rows.fields.map((row, i) => {
        const saved = row.key in stored;
        const remove = (
          <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t("contact.removeAttribute", { name: row.key || t("contact.attributeName") })} onClick={() => { rows.remove(i); }}>
            <IconX size={14} aria-hidden />
          </ActionIcon>
        );
        return (
          <Group key={row.id} gap={4} wrap="nowrap" align="flex-start">
            {!saved && <TextInput size="xs" style={{ flex: 1 }} aria-label={t("contact.attributeName")} placeholder={t("contact.attributeName")} {...register(`attributes.${i}.key`)} />}
            <TextInput
              size="xs"
              style={{ flex: saved ? 1 : 1.4 }}
              {...(saved ? { label: row.key } : { "aria-label": t("contact.attributeValue"), placeholder: t("contact.attributeValue") })}
              {...register(`attributes.${i}.value`)}
              error={formState.errors.attributes?.[i]?.value?.message}
              rightSection={remove}
              rightSectionPointerEvents="all"
            />
          </Group>
        );
      })}
      {rows.fields.length === 0 && (
        <Text size="xs" c="dimmed">
          {t("contact.noAttributes")}
        </Text>
      )}
      <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} aria-hidden />} style={{ alignSelf: "flex-start" }} onClick={() => { rows.append({ key: "", value: "" }); }}>
        {t("contact.addAttribute")}
      </Button>
    </Stack>
  );
}

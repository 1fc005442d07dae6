import { ActionIcon, Button, Group, PasswordInput, Select, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconTrash } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { api } from "../../api/client.js";
import { showFieldErrors } from "../../api/field-errors.js";
import { LoadError } from "../../components/load-error.js";

export type Field = { name: string; label: string; kind?: "text" | "textarea" | "password" | "select"; options?: { value: string; label: string }[] };

type Props<T extends { id: string }> = {
  title: string;
  /** The collection's API path, such as `/tags`; items are read from and created at it, deleted at `path/id`. */
  path: string;
  item: z.ZodType<T>;
  headers: string[];
  cells: (item: T) => ReactNode[];
  fields: Field[];
  /** The create body from the form's values (empty inputs left out; the server checks the rest). */
  toBody: (values: Record<string, string>) => unknown;
  deletable?: boolean;
  /** Whether this agent may change the collection (admins); others only read it. */
  editable: boolean;
};

/** A settings list: what there is, a form to add one (the server's field errors beside the fields), and deleting. */
export function CollectionSettings<T extends { id: string }>({ title, path, item, headers, cells, fields, toBody, deletable = true, editable }: Props<T>) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ["settings", path];
  const items = useQuery({ queryKey: key, queryFn: () => api(z.array(item), path) });
  const empty = Object.fromEntries(fields.map((f) => [f.name, ""]));
  const form = useForm<Record<string, string>>({ defaultValues: empty });
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const create = useMutation({
    mutationFn: (values: Record<string, string>) => api(item, path, { method: "POST", body: toBody(values) }),
    onSuccess: () => {
      form.reset(empty);
      notifications.show({ color: "green", message: t("settings.saved") });
      return refresh();
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifications.show({ color: "red", message: error.message });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(z.null(), `${path}/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
    onError: (error) => notifications.show({ color: "red", message: error.message }),
  });
  return (
    <Stack>
      <Title order={2} size="h4">
        {title}
      </Title>
      {items.isError && <LoadError error={items.error} onRetry={() => void items.refetch()} />}
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {headers.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
            {deletable && editable && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(items.data ?? []).map((row) => (
            <Table.Tr key={row.id}>
              {cells(row).map((cell, i) => (
                <Table.Td key={i}>{cell}</Table.Td>
              ))}
              {deletable && editable && (
                <Table.Td w={40}>
                  <ActionIcon variant="subtle" color="red" aria-label={t("settings.delete")} loading={remove.isPending && remove.variables === row.id} onClick={() => { remove.mutate(row.id); }}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {items.data?.length === 0 && <Text c="dimmed">{t("settings.empty")}</Text>}
      {editable && (
        <form
          onSubmit={(e) =>
            void form.handleSubmit((values) => {
              create.mutate(values);
            })(e)
          }
        >
          <Group align="flex-start" gap="sm">
            {fields.map((f) => {
              const error = form.formState.errors[f.name]?.message;
              if (f.kind === "select") {
                return (
                  <Controller
                    key={f.name}
                    control={form.control}
                    name={f.name}
                    render={({ field }) => <Select label={f.label} data={f.options ?? []} w={180} {...field} error={error} />}
                  />
                );
              }
              if (f.kind === "textarea") return <Textarea key={f.name} label={f.label} w={360} autosize minRows={2} {...form.register(f.name)} error={error} />;
              if (f.kind === "password") return <PasswordInput key={f.name} label={f.label} w={200} autoComplete="new-password" {...form.register(f.name)} error={error} />;
              return <TextInput key={f.name} label={f.label} w={220} {...form.register(f.name)} error={error} />;
            })}
            <Button type="submit" mt={25} loading={create.isPending}>
              {t("settings.add")}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

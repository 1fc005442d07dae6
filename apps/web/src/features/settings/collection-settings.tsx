import { Button, Group, Modal, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { api } from "../../api/client.js";
import { showError } from "../../api/errors.js";
import { showFormError } from "../../api/form-errors.js";
import { useConfirmation } from "../../components/confirm-dialog.js";
import { LoadError } from "../../components/load-error.js";
import { Loading } from "../../components/loading.js";
import { ACTIONS_WIDTH, CardTable, EditDeleteButtons, type Column } from "../../components/card-table.js";
import { EditForm } from "./edit-form.js";
import { FieldInputs, type Field, type FieldValues } from "./field-inputs.js";

/**
 * How an item is changed: a form of these fields, each filled from the item's property of its name,
 * or an editor of its own.
 */
type Edit<T> = Field[] | ((item: T, close: () => void) => ReactNode);

/** The form's values for an item: each field from the item's property of the same name (empty when it has none). */
function valuesOf(item: Record<string, unknown>, fields: Field[]): FieldValues {
  return Object.fromEntries(
    fields.map((f): [string, string | string[]] => {
      const value = item[f.name];
      if (f.kind === "multiselect") return [f.name, Array.isArray(value) ? value.filter((v: unknown): v is string => typeof v === "string") : []];
      return [f.name, typeof value === "string" ? value : ""];
    }),
  );
}

/** The narrowest a column of the list is drawn, in pixels. */
const COLUMN_MIN_WIDTH = 140;

/** An item of a settings collection: an API object with its id. */
type Item = { id: string } & Record<string, unknown>;

type Props<T extends Item> = {
  title: string;
  /** The collection's API path, such as `/tags`; items are read from and created at it, changed and deleted at `path/id`. */
  path: string;
  item: z.ZodType<T>;
  columns: Column<T>[];
  /** A name for the item in the edit and delete buttons' labels. */
  nameOf: (item: T) => string;
  /** The form that adds an item; empty inputs are left out of its body (the server uses its defaults and checks the rest). */
  fields: Field[];
  edit?: Edit<T>;
  deletable?: boolean;
  /** Whether this agent may change the collection (admins); others only read it. */
  editable: boolean;
};

/** A new item's body: empty inputs left out, so the server uses its defaults and says what is missing beside the field. */
const filled = (values: FieldValues) => Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v !== "string" || v.trim() !== ""));

/** A change's body: every field as the form has it, an emptied input clearing its value; a password left empty stays as it was. */
const changes = (values: FieldValues, fields: Field[]) =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([k, v]) => !(v === "" && fields.some((f) => f.name === k && f.kind === "password")))
      .map(([k, v]) => [k, v === "" ? null : v]),
  );

/** The form that changes an item, in a dialog; the server's field errors beside the fields. */
function EditDialog<T extends Item>({ item, path, schema, fields, onClose }: { item: T; path: string; schema: z.ZodType<T>; fields: Field[]; onClose: () => void }) {
  const form = useForm<FieldValues>({ defaultValues: valuesOf(item, fields) });
  return (
    <EditForm form={form} send={(next) => api(schema, `${path}/${item.id}`, { method: "PATCH", body: changes(next, fields) })} refresh={[["settings", path]]} onClose={onClose}>
      <FieldInputs fields={fields} form={form} wide />
    </EditForm>
  );
}

/** A settings list: what there is, a form to add one (the server's field errors beside the fields), changing and deleting. */
export function CollectionSettings<T extends Item>({ title, path, item, columns, nameOf, fields, edit, deletable = true, editable }: Props<T>) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ["settings", path];
  const items = useQuery({ queryKey: key, queryFn: () => api(z.array(item), path) });
  const empty = Object.fromEntries(fields.map((f) => [f.name, f.kind === "multiselect" ? [] : ""]));
  const form = useForm<FieldValues>({ defaultValues: empty });
  const [editing, setEditing] = useState<T | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const create = useMutation({
    mutationFn: (values: FieldValues) => api(item, path, { method: "POST", body: filled(values) }),
    onSuccess: () => {
      form.reset(empty);
      notifications.show({ color: "green", message: t("settings.saved") });
      return refresh();
    },
    onError: (error) => { showFormError(form, error); },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(z.null(), `${path}/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
    onError: showError,
  });
  const deletion = useConfirmation(
    (row: T) => ({ title: t("settings.deleteItem", { name: nameOf(row) }), message: t("settings.deleteWarning"), confirm: t("settings.delete") }),
    (row) => { remove.mutate(row.id); },
  );
  const actions = editable && (edit !== undefined || deletable);
  const close = () => {
    setEditing(null);
  };
  return (
    <Stack>
      <Title order={2} size="h4">
        {title}
      </Title>
      {items.isError && <LoadError error={items.error} onRetry={() => void items.refetch()} />}
      {items.isPending && <Loading />}
      {/* Scrolls sideways when its columns do not fit, its buttons kept in sight; cards on a phone. */}
      {items.data && items.data.length > 0 && (
        <CardTable
          minWidth={COLUMN_MIN_WIDTH * columns.length + (actions ? ACTIONS_WIDTH : 0)}
          striped
          highlightOnHover
          rows={items.data}
          rowKey={(row) => row.id}
          columns={columns}
          actions={
            actions && {
              label: t("settings.rowActions"),
              buttons: (row) => (
                <EditDeleteButtons
                  edit={edit !== undefined && { label: t("settings.edit", { name: nameOf(row) }), onClick: () => { setEditing(row); } }}
                  remove={deletable && { label: t("settings.deleteItem", { name: nameOf(row) }), onClick: () => { deletion.ask(row); }, loading: remove.isPending && remove.variables === row.id }}
                />
              ),
            }
          }
        />
      )}
      {items.data?.length === 0 && <Text c="dimmed">{t("settings.empty")}</Text>}
      {deletion.dialog}
      {editable && (
        <form onSubmit={(e) => void form.handleSubmit((values) => { create.mutate(values); })(e)}>
          <Group align="flex-start" gap="sm">
            <FieldInputs fields={fields} form={form} />
            <Button type="submit" mt={25} loading={create.isPending}>
              {t("settings.add")}
            </Button>
          </Group>
        </form>
      )}
      {typeof edit === "function" && editing && edit(editing, close)}
      {Array.isArray(edit) && (
        <Modal opened={editing !== null} onClose={close} title={editing ? t("settings.editing", { name: nameOf(editing) }) : ""}>
          {editing && <EditDialog item={editing} path={path} schema={item} fields={edit} onClose={close} />}
        </Modal>
      )}
    </Stack>
  );
}

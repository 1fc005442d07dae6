import { Button, Checkbox, Group, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { SAVED_VIEW_NAME_MAX, SavedViewName, type SavedViewDto } from "@atende/shared";
import { ApiError } from "../../api/client.js";
import { showError } from "../../api/errors.js";
import { schemaResolver, showFieldErrors } from "../../api/form-errors.js";

/** The dialog's fields, checked by the API's own rules before anything is sent. */
const ViewForm = z.object({ name: SavedViewName, shared: z.boolean() });
type ViewForm = z.input<typeof ViewForm>;
export type SavedViewValues = z.output<typeof ViewForm>;

/** What the dialog does: save the list shown as a new view, or rename one. */
export type Editing = { mode: "create" } | { mode: "rename"; view: SavedViewDto };

/** The name (and, for a new view, whether the team sees it) in a small form; the server's field errors beside the fields. */
export function SavedViewForm({ editing, send, onClose }: { editing: Editing; send: (values: SavedViewValues) => Promise<unknown>; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<ViewForm, unknown, z.output<typeof ViewForm>>({
    resolver: schemaResolver(ViewForm),
    defaultValues: editing.mode === "rename" ? { name: editing.view.name, shared: editing.view.shared } : { name: "", shared: false },
  });
  const [sending, setSending] = useState(false);
  const { errors } = form.formState;
  // The schema's own words are English; an empty name is the one mistake the input allows.
  const nameError = errors.name && (errors.name.type === "required" ? t("savedViews.nameEmpty") : errors.name.message);
  return (
    <form
      onSubmit={(e) =>
        void form.handleSubmit(async (values) => {
          setSending(true);
          try {
            await send(values);
            onClose();
          } catch (error) {
            // Only the name and sharing are this form's; anything else (a filter gone meanwhile) is said as a message.
            const own = error instanceof ApiError && error.fields.every((f) => f.path === "name" || f.path === "shared");
            if (!own || !showFieldErrors(form, error)) showError(error);
          } finally {
            setSending(false);
          }
        })(e)
      }
    >
      <Stack gap="sm">
        <TextInput label={t("savedViews.name")} maxLength={SAVED_VIEW_NAME_MAX} data-autofocus {...form.register("name")} error={nameError} />
        {editing.mode === "create" && <Checkbox label={t("savedViews.shared")} description={t("savedViews.sharedHelp")} {...form.register("shared")} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={sending}>
            {t("settings.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

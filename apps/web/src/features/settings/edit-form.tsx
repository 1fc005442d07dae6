import { Button, Group, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { showFormError } from "../../api/form-errors.js";

/**
 * A form that changes something in settings: sends it, says "Saved.", refreshes what shows it and
 * closes; or puts the server's field errors beside the fields (the rest as a message). Cancel closes.
 */
export function EditForm<V extends FieldValues>({
  form,
  send,
  refresh,
  onClose,
  children,
}: {
  form: UseFormReturn<V>;
  send: (values: V) => Promise<unknown>;
  /** The queries that show what changed. */
  refresh: QueryKey[];
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: send,
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("settings.saved") });
      onClose();
      await Promise.all(refresh.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
    onError: (error) => { showFormError(form, error); },
  });
  return (
    <form
      onSubmit={(e) => {
        form.clearErrors(); // the last try's, some on no input of their own (allowedOrigins.N)
        void form.handleSubmit((values) => { save.mutate(values); })(e);
      }}
    >
      <Stack gap="sm">
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("settings.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("settings.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

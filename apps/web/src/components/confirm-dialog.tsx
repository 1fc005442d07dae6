import { Button, Group, Modal, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

type Props = {
  /** What is about to happen, as the dialog's title ("Delete the tag “vip”?"). */
  title: string | null;
  /** What it means, in a sentence (what is lost, what stays). */
  message: string;
  /** The button that does it ("Delete"). */
  confirm: string;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Asks before something that cannot simply be taken back; open while `title` is set. */
export function ConfirmDialog({ title, message, confirm, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={title !== null} onClose={onCancel} title={title} centered>
      <Text size="sm">{message}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onCancel}>
          {t("app.cancel")}
        </Button>
        <Button color="red" onClick={onConfirm} data-autofocus>
          {confirm}
        </Button>
      </Group>
    </Modal>
  );
}

/**
 * Asking before acting on one item: `ask(item)` opens the dialog that `describe` words, and the
 * confirm button runs `act(item)`. Render `dialog` once, anywhere in the component.
 */
export function useConfirmation<T>(describe: (item: T) => Pick<Props, "message" | "confirm"> & { title: string }, act: (item: T) => void) {
  const [pending, setPending] = useState<{ item: T } | null>(null);
  const text = pending ? describe(pending.item) : null;
  const dialog = (
    <ConfirmDialog
      title={text?.title ?? null}
      message={text?.message ?? ""}
      confirm={text?.confirm ?? ""}
      onCancel={() => { setPending(null); }}
      onConfirm={() => {
        if (pending) act(pending.item);
        setPending(null);
      }}
    />
  );
  return { ask: (item: T) => { setPending({ item }); }, dialog };
}

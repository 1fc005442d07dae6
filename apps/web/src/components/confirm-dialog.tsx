import { Button, Group, Modal, Text } from "@mantine/core";
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

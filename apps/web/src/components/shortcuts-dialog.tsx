import { Kbd, Modal, Table } from "@mantine/core";
import { useTranslation } from "react-i18next";

const SHORTCUTS = [
  ["j", "next"],
  ["k", "previous"],
  ["r", "reply"],
  ["n", "note"],
  ["a", "assignToMe"],
  ["e", "resolve"],
  ["s", "snooze"],
  ["/", "search"],
  ["?", "help"],
] as const;

/** The keyboard shortcuts, listed with `?`. */
export function ShortcutsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("shortcuts.title")}>
      <Table>
        <Table.Tbody>
          {SHORTCUTS.map(([key, action]) => (
            <Table.Tr key={key}>
              <Table.Td w={60}>
                <Kbd>{key}</Kbd>
              </Table.Td>
              <Table.Td>{t(`shortcuts.${action}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}

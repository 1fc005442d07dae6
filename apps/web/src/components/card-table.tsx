import { ActionIcon, Group, Table, type TableProps, type TableTdProps } from "@mantine/core";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import classes from "./card-table.module.css";

/** The width of a column of row buttons, in pixels. */
export const ACTIONS_WIDTH = 80;

/**
 * Every part's role said outright: a browser that draws the table as cards (display: block; Safari
 * above all) may otherwise stop reading it as a table, and its cells' column names are hidden from
 * screen readers (the header names them).
 */
const ROLES = {
  table: { role: "table" },
  thead: { role: "rowgroup" },
  tbody: { role: "rowgroup" },
  tr: { role: "row" },
  th: { role: "columnheader" },
  td: { role: "cell" },
};

const joined = (...names: (string | undefined)[]) => names.filter(Boolean).join(" ");

/**
 * A table that scrolls sideways when its columns do not fit in `minWidth`, and on a phone is a list
 * of cards: each row a card, each {@link Cell} under its column's name, the row's
 * {@link ActionsCell} at the card's top right. Its rows are still a table's to a screen reader.
 */
export function CardTable({ minWidth, className, ...table }: TableProps & { minWidth: number }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" className={classes.scroll}>
      <Table
        {...table}
        attributes={ROLES}
        className={joined(classes.table, className)}
        __vars={{ "--row-actions-width": `${String(ACTIONS_WIDTH)}px` }}
      />
    </Table.ScrollContainer>
  );
}

/**
 * A cell that names its column on a phone's card (a screen reader has the table's header instead);
 * without a label (a table of one column), its card is its value alone. `lang` is the value's.
 */
export function Cell({ label, lang, children, ...cell }: TableTdProps & { label?: string }) {
  return (
    <Table.Td {...cell}>
      {label !== undefined && (
        <span className={classes.label} aria-hidden>
          {label}
        </span>
      )}
      <div className={classes.value} lang={lang}>
        {children}
      </div>
    </Table.Td>
  );
}

/** The row's buttons: kept in sight at the right edge while the table scrolls, at a card's top right on a phone. */
export function ActionsCell({ className, ...cell }: TableTdProps) {
  return <Table.Td w={ACTIONS_WIDTH} {...cell} className={joined(classes.actions, className)} />;
}

/** The buttons' column header, named for screen readers. */
export function ActionsHeader({ label }: { label: string }) {
  return <Table.Th w={ACTIONS_WIDTH} className={classes.actions} aria-label={label} />;
}

type RowButton = { label: string; onClick: () => void; loading?: boolean };

/** A row's usual buttons, each when given: change it (a pencil) and delete it (a red bin). */
export function EditDeleteCell({ edit, remove }: { edit?: RowButton | false; remove?: RowButton | false }) {
  return (
    <ActionsCell>
      <Group gap={4} wrap="nowrap" justify="flex-end">
        {edit && (
          <ActionIcon variant="subtle" aria-label={edit.label} onClick={edit.onClick}>
            <IconPencil size={16} aria-hidden />
          </ActionIcon>
        )}
        {remove && (
          <ActionIcon variant="subtle" color="red" aria-label={remove.label} loading={remove.loading} onClick={remove.onClick}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        )}
      </Group>
    </ActionsCell>
  );
}

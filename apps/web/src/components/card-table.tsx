import { ActionIcon, Group, Table, type TableProps } from "@mantine/core";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import type { ReactNode } from "react";
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

/** A column of a {@link CardTable}. */
export type Column<T> = {
  /** The column's name: its header and, on a phone, the label of each card's value. */
  name: string;
  /** What the header shows when it is shorter than the name (an abbreviation, with the name as its title). */
  header?: ReactNode;
  /** The column's width in pixels, when it is not left to the table. */
  width?: number;
  /** A row's value in this column. */
  value: (row: T, index: number) => ReactNode;
  /** The language of a row's value, when it may not be the page's. */
  lang?: (row: T) => string | undefined;
};

type CardTableProps<T> = Omit<TableProps, "children"> & {
  /** The width below which the table scrolls sideways (until it becomes cards, on a phone). */
  minWidth: number;
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The columns, in order; `false` leaves one out (a column only some agents see). */
  columns: readonly (Column<T> | false)[];
  /** A row's buttons, in a last column named `label` for screen readers. */
  actions?: { label: string; buttons: (row: T, index: number) => ReactNode } | false;
};

/**
 * A table of `rows` that scrolls sideways when its columns do not fit in `minWidth`, and on a phone
 * is a list of cards: each row a card, each value under its column's name (a table of one column
 * shows its values alone), the row's buttons at the card's top right. Its rows are still a table's
 * to a screen reader. Each column is named once, for its header and its cards' labels.
 */
export function CardTable<T>({ minWidth, rows, rowKey, columns, actions, className, ...table }: CardTableProps<T>) {
  const shown = columns.filter((c): c is Column<T> => c !== false);
  const labelled = shown.length > 1;
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" className={classes.scroll}>
      <Table {...table} attributes={ROLES} className={joined(classes.table, className)} __vars={{ "--row-actions-width": `${String(ACTIONS_WIDTH)}px` }}>
        <Table.Thead>
          <Table.Tr>
            {shown.map((c) => (
              <Table.Th key={c.name} w={c.width}>
                {c.header === undefined ? c.name : (
                  <abbr title={c.name} className={classes.abbreviation}>
                    {c.header}
                  </abbr>
                )}
              </Table.Th>
            ))}
            {actions && <Table.Th w={ACTIONS_WIDTH} className={classes.actions} aria-label={actions.label} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={rowKey(row)}>
              {shown.map((c) => (
                <Table.Td key={c.name}>
                  {labelled && (
                    <span className={classes.label} aria-hidden>
                      {c.name}
                    </span>
                  )}
                  <div className={classes.value} lang={c.lang?.(row)}>
                    {c.value(row, index)}
                  </div>
                </Table.Td>
              ))}
              {actions && (
                <Table.Td w={ACTIONS_WIDTH} className={classes.actions}>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    {actions.buttons(row, index)}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type RowButton = { label: string; onClick: () => void; loading?: boolean };

/** A row's usual buttons, each when given: change it (a pencil) and delete it (a red bin). */
export function EditDeleteButtons({ edit, remove }: { edit?: RowButton | false; remove?: RowButton | false }) {
  return (
    <>
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
    </>
  );
}

import { Table, type TableProps, type TableTdProps } from "@mantine/core";
import classes from "./card-table.module.css";

/**
 * A table that scrolls sideways when its columns do not fit in `minWidth`, and on a phone is a list
 * of cards: each row a card, each {@link Cell} under its column's name, the row's
 * {@link ActionsCell} at the card's top right. Its rows are still a table's to a screen reader.
 */
export function CardTable({ minWidth, ...table }: TableProps & { minWidth: number }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" className={classes.scroll}>
      <Table {...table} className={classes.table} />
    </Table.ScrollContainer>
  );
}

/**
 * A cell that names its column on a phone's card (a screen reader has the table's header instead);
 * without a label (a table of one column), its card is its value alone.
 */
export function Cell({ label, children, ...cell }: TableTdProps & { label?: string }) {
  return (
    <Table.Td {...cell}>
      {label !== undefined && (
        <span className={classes.label} aria-hidden>
          {label}
        </span>
      )}
      <div className={classes.value}>{children}</div>
    </Table.Td>
  );
}

/** The row's buttons: kept in sight at the right edge while the table scrolls, at a card's top right on a phone. */
export function ActionsCell(cell: TableTdProps) {
  return <Table.Td {...cell} className={classes.actions} />;
}

/** The buttons' column header. */
export function ActionsHeader({ label }: { label?: string }) {
  return <Table.Th className={classes.actions} aria-label={label} />;
}

import { Column, getTableName, is, SQL, type DriverValueDecoder, type Query } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import type { Executor } from "./client.js";

/**
 * Selects that drizzle builds once per shape and that afterwards run with their values only.
 *
 * Building a statement with drizzle's query builder and mapping its rows through its generic row
 * mapper took about two fifths of the server's CPU for the inbox's list (a CPU profile: `is()`
 * checks on every chunk of the statement and on every cell of every row, 50 rows of 35 columns).
 * A compiled select keeps the statement's text and its parameters (the values are placeholders,
 * `sql.placeholder(name)`, filled at each run), and maps its rows with a function made once for its
 * fields: the same objects drizzle's mapper makes (nested by the selection's keys, each value
 * decoded by its column, a left-joined table's object null when its first column is).
 */

/** A select as drizzle's builder makes it, with placeholders for its values. */
type BuiltSelect<Row> = { toSQL(): Query; _: { result: Row[]; selectedFields: unknown } };

/** How one cell becomes a value of the row (see `compileRowMapper`). */
type Cell = { path: readonly string[]; decoder: DriverValueDecoder<unknown, unknown> };

/** A selection's columns and expressions in the order of the statement's columns (as drizzle orders them), with their paths. */
function orderedFields(selection: object, prefix: readonly string[] = []): { path: string[]; field: Column | SQL }[] {
  return Object.entries(selection).flatMap(([name, field]: [string, unknown]) => {
    const path = [...prefix, name];
    if (is(field, Column) || is(field, SQL)) return [{ path, field }];
    if (typeof field !== "object" || field === null || Object.getPrototypeOf(field) !== Object.prototype) throw new Error(`a compiled select takes columns, SQL and objects of them (at ${path.join(".")})`);
    return orderedFields(field, path);
  });
}

/** Builds selects without a connection (the dialect is all a statement's text needs). */
export const selectBuilder = new QueryBuilder();

/**
 * A row mapper for these fields, in their order: the objects drizzle's `mapResultRow` makes,
 * without deciding each cell's kind again on every row.
 */
function compileRowMapper<Row>(select: BuiltSelect<Row>): (cells: unknown[]) => Row {
  const fields = orderedFields(select._.selectedFields as object);
  // Which joined tables may be missing from a row (a left join): drizzle's own bookkeeping of the select.
  const notNullable = (select as unknown as { joinsNotNullableMap?: Record<string, boolean> }).joinsNotNullableMap ?? {};
  // An expression decodes its values as its `mapWith` says (drizzle keeps that as the SQL's decoder).
  const cells: Cell[] = fields.map(({ path, field }) => ({ path, decoder: is(field, Column) ? field : (field as unknown as { decoder: Cell["decoder"] }).decoder }));
  // A nested object of one table's columns that a left join may leave empty: null when its first column is.
  const optional = new Map<string, number>();
  for (const [i, { path, field }] of fields.entries()) {
    const [object] = path;
    if (path.length !== 2 || object === undefined || optional.has(object)) continue;
    const table = is(field, Column) ? getTableName(field.table) : undefined;
    const sameTable = fields.every((f) => f.path[0] !== object || (is(f.field, Column) && getTableName(f.field.table) === table));
    if (table !== undefined && sameTable && !notNullable[table]) optional.set(object, i);
  }
  const optionalObjects = [...optional];
  return (row) => {
    const result: Record<string, unknown> = {};
    for (let i = 0; i < cells.length; i++) {
      const { path, decoder } = cells[i] as Cell;
      const raw = row[i];
      let node = result;
      for (let p = 0; p < path.length - 1; p++) {
        const key = path[p] as string;
        node = (node[key] ??= {}) as Record<string, unknown>;
      }
      node[path[path.length - 1] as string] = raw === null ? null : decoder.mapFromDriverValue(raw);
    }
    for (const [object, first] of optionalObjects) if (row[first] === null) result[object] = null;
    return result as Row;
  };
}

/** One shape's statement: its text, its parameters (placeholders among them) and its row mapper. */
export class CompiledSelect<Row> {
  private readonly query: Query;
  private readonly mapRow: (cells: unknown[]) => Row;

  constructor(select: BuiltSelect<Row>) {
    this.query = select.toSQL();
    this.mapRow = compileRowMapper(select);
  }

  /** Runs the statement on this executor (a transaction's connection or the pool) with these values. */
  run(db: Executor, values: Record<string, unknown>): Promise<Row[]> {
    const mapRows = (rows: unknown[][]) => rows.map(this.mapRow);
    return db._.session.prepareQuery<{ execute: Row[]; all: unknown; values: unknown }>(this.query, undefined, undefined, true, mapRows).execute(values);
  }
}

/** How many shapes a family keeps compiled; past it, the oldest is dropped (shapes vary with a page's size). */
const SHAPES_KEPT = 500;

/**
 * A family of selects that differ by shape (which filters are present, the order, the page size):
 * each shape compiled on its first use, then kept.
 */
export function compiledSelects<Shape, Row>(build: (shape: Shape) => BuiltSelect<Row>): (shape: Shape) => CompiledSelect<Row> {
  const kept = new Map<string, CompiledSelect<Row>>();
  return (shape) => {
    const key = JSON.stringify(shape);
    let compiled = kept.get(key);
    if (!compiled) {
      compiled = new CompiledSelect(build(shape));
      if (kept.size >= SHAPES_KEPT) kept.delete(kept.keys().next().value as string);
      kept.set(key, compiled);
    }
    return compiled;
  };
}

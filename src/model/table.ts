/**
 * Named columns of per-patient values, the shape the training pipeline passes between its steps, and the
 * checks that turn a raw cell into a number or a typed error naming the column and the row.
 */
import { DataTableError } from '../errors.ts';

/** A raw cell: a number, or null / undefined / NaN for a missing value. Strings and booleans are rejected. */
export type CellValue = number | string | boolean | null | undefined;

/** A table of named columns, all of the same length (one value per row). */
export interface ColumnTable<V = CellValue> {
  readonly names: readonly string[];
  readonly columns: readonly ArrayLike<V>[];
  /** Optional row labels (patient ids) used in error messages instead of row numbers. */
  readonly rowLabels?: readonly string[];
}

/** A complete numeric table: every cell a finite number. */
export interface NumericTable {
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
}

/** How a row is named in messages: `row 3 (id 'P017')` when labels exist, `row 3` otherwise (1-based). */
export function describeRow(row: number, labels: readonly string[] | undefined): string {
  const label = labels?.[row];
  return label === undefined ? `row ${row + 1}` : `row ${row + 1} (id '${label}')`;
}

/**
 * Checks a table's shape: names unique, one column per name, all columns of one length, row labels (if any)
 * of that length. Returns the number of rows.
 */
export function assertTableShape<V>(table: ColumnTable<V>): number {
  if (table.names.length !== table.columns.length) {
    throw new DataTableError(
      'malformed-table',
      `the table has ${table.names.length} column names but ${table.columns.length} columns`,
    );
  }
  const seen = new Set<string>();
  for (const name of table.names) {
    if (seen.has(name)) {
      throw new DataTableError(
        'duplicate-column',
        `column '${name}' appears twice; column names must be unique`,
      );
    }
    seen.add(name);
  }
  const n = table.columns.length > 0 ? table.columns[0].length : (table.rowLabels?.length ?? 0);
  table.columns.forEach((c, j) => {
    if (c.length !== n) {
      throw new DataTableError(
        'malformed-table',
        `column '${table.names[j]}' has ${c.length} values but column '${table.names[0]}' has ${n}`,
      );
    }
  });
  if (table.rowLabels !== undefined && table.rowLabels.length !== n) {
    throw new DataTableError('malformed-table', `${table.rowLabels.length} row labels for ${n} rows`);
  }
  return n;
}

/**
 * A cell as a number: finite numbers pass, missing (null, undefined, NaN) becomes NaN, anything else
 * (strings, booleans, ±Infinity) throws `non-numeric-value` naming the column and the row.
 */
export function numericCell(
  value: CellValue,
  column: string,
  row: number,
  labels?: readonly string[],
): number {
  if (value === null || value === undefined) return NaN;
  if (typeof value === 'number') {
    if (Number.isNaN(value) || Number.isFinite(value)) return value;
  }
  throw new DataTableError(
    'non-numeric-value',
    `column '${column}', ${describeRow(row, labels)}: ${JSON.stringify(String(value))} is not a finite number; fix the cell or leave it empty (missing)`,
  );
}

/** Index of each requested column in `table`, throwing `missing-column` for the first absent name. */
export function columnIndices<V>(
  table: ColumnTable<V>,
  wanted: readonly string[],
  what = 'the table',
): number[] {
  return wanted.map((name) => {
    const j = table.names.indexOf(name);
    if (j < 0) {
      throw new DataTableError(
        'missing-column',
        `column '${name}' is not in ${what} (columns present: ${table.names.join(', ') || 'none'})`,
      );
    }
    return j;
  });
}

/**
 * Input of the statistics commands (`fit-logistic`, `evaluate`, `select`): a CSV with a 0/1 outcome column and
 * complete numeric covariate columns, checked up front so that every problem is one line naming the column
 * (and row).
 */
import { DataTableError, StatsInputError } from '../errors.ts';
import { assertUniqueIds, csvColumnIndex, csvCompleteColumn, readCsvFile } from './csv.ts';
import type { CsvTable } from './csv.ts';

/** Below this many events (or non-events) a warning is printed: estimates are unstable (events per variable). */
const MIN_EVENTS = 10;

/** A checked outcome and covariates read from a CSV file. */
export interface LabelledData {
  readonly table: CsvTable;
  readonly label: string;
  readonly y: Float64Array;
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
}

/** Prints a warning line on stderr (the command goes on). */
export function warn(message: string): void {
  process.stderr.write(`bonemet: warning: ${message}\n`);
}

/** Splits `a,b,c` into names; empty or repeated names throw. */
export function parseNameList(list: string, option: string): string[] {
  const names = list.split(',').map((s) => s.trim());
  if (names.length === 0 || names.some((s) => s === '')) {
    throw new DataTableError(
      'malformed-table',
      `${option} '${list}' has an empty name; give comma-separated column names`,
    );
  }
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new DataTableError('duplicate-column', `${option} names column '${n}' twice`);
    seen.add(n);
  }
  return names;
}

/**
 * The 0/1 outcome column: complete, every value 0 or 1 (else an error naming the row and line), both classes
 * present (else `one-class`).
 */
export function readOutcome(table: CsvTable, label: string): Float64Array {
  const y = csvCompleteColumn(table, label);
  const bad = y.findIndex((v) => v !== 0 && v !== 1);
  if (bad >= 0) {
    throw new StatsInputError(
      'invalid-value',
      `${table.source}: column '${label}', row ${bad + 1} (line ${table.lines[bad]}) is ${y[bad]}; the outcome must be coded 0 (no event) or 1 (event)`,
    );
  }
  const events = y.reduce((s, v) => s + v, 0);
  if (events === 0 || events === y.length) {
    throw new StatsInputError(
      'one-class',
      `${table.source}: column '${label}' holds only ${events === 0 ? 'non-events (0)' : 'events (1)'} in its ${y.length} rows; both classes are needed`,
    );
  }
  return y;
}

/** Prints a warning when the outcome has fewer than {@link MIN_EVENTS} events or non-events (the fit goes on). */
export function warnFewEvents(y: Float64Array, label: string): void {
  const events = y.reduce((s, v) => s + v, 0);
  if (Math.min(events, y.length - events) < MIN_EVENTS) {
    warn(
      `column '${label}' has ${events} events and ${y.length - events} non-events; with fewer than ${MIN_EVENTS} in a class the estimates are unstable`,
    );
  }
}

/** A complete covariate column that is not constant (else `constant-column` naming it). */
export function readCovariate(table: CsvTable, name: string): Float64Array {
  const x = csvCompleteColumn(table, name);
  if (x.every((v) => v === x[0])) {
    throw new DataTableError(
      'constant-column',
      `${table.source}: column '${name}' is constant (${x[0]}); drop it`,
    );
  }
  return x;
}

/**
 * Reads `path`, checks ids for duplicates (the `idColumn`, or a column named `id` when present), the
 * outcome and each named covariate (a covariate equal to the label column is refused); then warns when a
 * class has fewer than {@link MIN_EVENTS} members.
 */
export async function readLabelledData(
  path: string,
  label: string,
  featureList: string,
  idColumn: string | undefined,
): Promise<LabelledData> {
  const table = await readCsvFile(path, '--input');
  const id = idColumn ?? (table.header.includes('id') ? 'id' : undefined);
  if (id !== undefined) assertUniqueIds(table, id);
  const names = parseNameList(featureList, '--features');
  for (const n of names) csvColumnIndex(table, n);
  if (names.includes(label)) {
    throw new DataTableError(
      'malformed-table',
      `--features names the label column '${label}'; a covariate cannot be the outcome`,
    );
  }
  const y = readOutcome(table, label);
  const columns = names.map((n) => readCovariate(table, n));
  warnFewEvents(y, label);
  return { table, label, y, names, columns };
}

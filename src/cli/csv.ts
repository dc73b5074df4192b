/**
 * CSV input of the statistics commands: RFC 4180 text with a header row, read into named numeric columns.
 * Every problem is a {@link DataTableError} naming the file, the column and, for a cell, the row.
 */
import { readInputText } from './input-file.ts';
import { DataTableError } from '../errors.ts';

/** A parsed CSV file: header names and the raw text cells of each data row. */
export interface CsvTable {
  readonly source: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** File line (1-based) where each data row starts, for messages. */
  readonly lines: readonly number[];
}

/** Cells read as missing: empty, and R's / pandas' spellings of a missing value. */
const MISSING = new Set(['', 'NA', 'NaN', 'nan', 'null', 'NULL']);
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses CSV text (comma separator, double-quoted fields with "" escapes, LF or CRLF line ends, an optional
 * UTF-8 byte-order mark). Blank lines are skipped. Throws `malformed-table` for an unterminated quote, a row
 * with the wrong number of fields, or a missing header, and `duplicate-column` for a repeated header name.
 */
export function parseCsv(text: string, source = 'input'): CsvTable {
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let blank = true;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = (): void => {
    if (!(blank && fields.length === 0 && field === ''))
      records.push({ fields: [...fields, field], line: startLine });
    fields = [];
    field = '';
    blank = true;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRecord();
      line++;
      startLine = line;
      continue;
    }
    blank = false;
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted)
    throw new DataTableError(
      'malformed-table',
      `${source}: a quoted field opened on line ${startLine} is never closed`,
    );
  endRecord();
  if (records.length === 0)
    throw new DataTableError('malformed-table', `${source}: no header row; the file is empty`);
  const header = records[0].fields.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (h === '')
      throw new DataTableError('malformed-table', `${source}: the header has an empty column name`);
    if (seen.has(h))
      throw new DataTableError('duplicate-column', `${source}: column '${h}' appears twice in the header`);
    seen.add(h);
  }
  const data = records.slice(1);
  for (const r of data) {
    if (r.fields.length !== header.length) {
      throw new DataTableError(
        'malformed-table',
        `${source} line ${r.line}: ${r.fields.length} fields but the header has ${header.length}`,
      );
    }
  }
  return { source, header, rows: data.map((r) => r.fields), lines: data.map((r) => r.line) };
}

/** Reads and parses a CSV file. */
export async function readCsvFile(path: string, what = 'CSV file'): Promise<CsvTable> {
  return parseCsv(await readInputText(path, what), path);
}

/** Index of a header column, or `missing-column` naming it and listing those present. */
export function csvColumnIndex(table: CsvTable, name: string): number {
  const j = table.header.indexOf(name);
  if (j < 0) {
    throw new DataTableError(
      'missing-column',
      `${table.source}: column '${name}' is not in the header (columns: ${table.header.join(', ')})`,
    );
  }
  return j;
}

/**
 * A column as numbers; missing cells (empty, NA, NaN, null) are NaN. A cell that is not a decimal number
 * throws `non-numeric-value` naming the column, the data row and the file line.
 */
export function csvNumericColumn(table: CsvTable, name: string): Float64Array {
  const j = csvColumnIndex(table, name);
  return Float64Array.from(table.rows, (row, i) => {
    const cell = row[j].trim();
    if (MISSING.has(cell)) return NaN;
    const v = Number(cell);
    if (!DECIMAL.test(cell) || !Number.isFinite(v)) {
      throw new DataTableError(
        'non-numeric-value',
        `${table.source}: column '${name}', row ${i + 1} (line ${table.lines[i]}): '${cell}' is not a number`,
      );
    }
    return v;
  });
}

/**
 * A complete numeric column: as {@link csvNumericColumn}, and additionally `all-missing-column` when every
 * cell is missing, `missing-value` naming the first missing cell otherwise.
 */
export function csvCompleteColumn(table: CsvTable, name: string): Float64Array {
  const x = csvNumericColumn(table, name);
  const first = x.findIndex(Number.isNaN);
  if (first >= 0) {
    if (x.every(Number.isNaN)) {
      throw new DataTableError(
        'all-missing-column',
        `${table.source}: column '${name}' has no value in any row`,
      );
    }
    throw new DataTableError(
      'missing-value',
      `${table.source}: column '${name}', row ${first + 1} (line ${table.lines[first]}) is missing; this command needs complete data (impute first)`,
    );
  }
  return x;
}

/** Throws `duplicate-id` naming the id and both rows when a value repeats in the id column. */
export function assertUniqueIds(table: CsvTable, idColumn: string): void {
  const j = csvColumnIndex(table, idColumn);
  const first = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const id = row[j].trim();
    const prev = first.get(id);
    if (prev !== undefined) {
      throw new DataTableError(
        'duplicate-id',
        `${table.source}: id '${id}' in column '${idColumn}' appears on rows ${prev + 1} and ${i + 1} (lines ${table.lines[prev]} and ${table.lines[i]}); ids must be unique`,
      );
    }
    first.set(id, i);
  });
}

import { readFileSync } from 'node:fs';
import { referencePath } from './reference.ts';
import { parseNrrd } from '../../src/volume/io/nrrd.ts';
import { rasterToMask, rasterToVolume } from '../../src/volume/io/raster.ts';
import type { Mask, Volume } from '../../src/volume/types.ts';

/** The PyRadiomics test cases whose image is present in ../shared/reference/pyradiomics/data. */
export const CASES_WITH_IMAGES = ['brain1', 'brain2', 'breast1'] as const;
export type CaseName = (typeof CASES_WITH_IMAGES)[number];

/** A baseline CSV: rows = features, columns = configurations. */
export interface Baseline {
  readonly columns: readonly string[];
  /** feature name -> column -> raw cell text */
  readonly rows: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Splits one CSV line (double-quoted fields may hold commas and doubled quotes). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Reads `baseline_<featureClass>.csv` in place. */
export function readBaseline(featureClass: string): Baseline {
  const text = readFileSync(referencePath('pyradiomics', 'baseline', `baseline_${featureClass}.csv`), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]);
  const columns = header.slice(1);
  const rows = new Map<string, Map<string, string>>();
  for (const line of lines.slice(1)) {
    const cells = splitCsvLine(line);
    const row = new Map<string, string>();
    columns.forEach((c, k) => row.set(c, cells[k + 1] ?? ''));
    rows.set(cells[0], row);
  }
  return { columns, rows };
}

/** The columns of a baseline whose case image is available, optionally excluding config suffixes. */
export function usableColumns(b: Baseline, exclude: readonly string[] = []): string[] {
  return b.columns.filter(
    (c) =>
      CASES_WITH_IMAGES.some((k) => c === k || c.startsWith(`${k}_`)) && !exclude.some((s) => c.endsWith(s)),
  );
}

/** The case name of a column (`brain1_FBN` -> `brain1`). */
export function caseOf(column: string): CaseName {
  const k = CASES_WITH_IMAGES.find((c) => column === c || column.startsWith(`${c}_`));
  if (k === undefined) throw new Error(`column ${column} names no case with an image`);
  return k;
}

/** Converts a Python literal (dict/list/str/num/True/False/None) as printed by PyRadiomics to a JS value. */
export function parsePythonLiteral(text: string): unknown {
  const json = text
    .replace(/'/g, '"')
    .replace(/\bTrue\b/g, 'true')
    .replace(/\bFalse\b/g, 'false')
    .replace(/\bNone\b/g, 'null');
  return JSON.parse(json);
}

/** The settings dict of a column (`diagnostics_Configuration_Settings`). */
export function columnSettings(b: Baseline, column: string): Record<string, unknown> {
  const cell = b.rows.get('diagnostics_Configuration_Settings')?.get(column);
  if (cell === undefined) throw new Error(`no diagnostics_Configuration_Settings for ${column}`);
  return parsePythonLiteral(cell) as Record<string, unknown>;
}

/** The `original_<class>_<Feature>` rows of a baseline: feature name (without prefix) -> column -> value. */
export function featureRows(b: Baseline, featureClass: string): Map<string, Map<string, number>> {
  const prefix = `original_${featureClass}_`;
  const out = new Map<string, Map<string, number>>();
  for (const [name, row] of b.rows) {
    if (!name.startsWith(prefix)) continue;
    const m = new Map<string, number>();
    for (const [c, v] of row) if (v !== '') m.set(c, Number(v));
    out.set(name.slice(prefix.length), m);
  }
  return out;
}

const cache = new Map<string, { image: Volume; mask: Mask }>();

/** The image and label map of a PyRadiomics test case, read from ../shared/reference (cached per process). */
export function loadCase(name: CaseName): { image: Volume; mask: Mask } {
  let c = cache.get(name);
  if (c === undefined) {
    const image = rasterToVolume(
      parseNrrd(
        readFileSync(referencePath('pyradiomics', 'data', `${name}_image.nrrd`)),
        `${name}_image.nrrd`,
      ),
    );
    const mask = rasterToMask(
      parseNrrd(
        readFileSync(referencePath('pyradiomics', 'data', `${name}_label.nrrd`)),
        `${name}_label.nrrd`,
      ),
    );
    c = { image, mask };
    cache.set(name, c);
  }
  return c;
}

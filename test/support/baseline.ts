import { readFileSync } from 'node:fs';
import { referencePath } from './reference.ts';
import { parseNrrd } from '../../src/volume/io/nrrd.ts';
import { rasterToMask, rasterToVolume } from '../../src/volume/io/raster.ts';
import type { Mask, Volume } from '../../src/volume/types.ts';
import { splitCsvLine } from './csv-line.ts';
import { isClose, relativeError } from './tolerance.ts';

/** The PyRadiomics test cases whose image is present in test/reference/pyradiomics/data. */
export const CASES_WITH_IMAGES = ['brain1', 'brain2', 'breast1'] as const;
export type CaseName = (typeof CASES_WITH_IMAGES)[number];

/** A baseline CSV: rows = features, columns = configurations. */
export interface Baseline {
  readonly columns: readonly string[];
  /** feature name -> column -> raw cell text */
  readonly rows: ReadonlyMap<string, ReadonlyMap<string, string>>;
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

/** The image and label map of a PyRadiomics test case, read from test/reference (cached per process). */
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

/** The numbers of a tuple-valued diagnostics cell such as `(47, 70, 16, 1, 1, 1)`. */
export function cellNumbers(b: Baseline, row: string, column: string): number[] {
  const cell = b.rows.get(row)?.get(column) ?? '';
  return cell
    .replace(/[()\s]/g, '')
    .split(',')
    .map(Number);
}

/**
 * The single-slice label behind a `<case>_shape2D` column. PyRadiomics made those columns from a `*_label_2D` file
 * that is not in the shared data; it is the case's label restricted to the slice that the column's
 * `diagnostics_Mask-corrected_BoundingBox` names, checked against `diagnostics_Mask-corrected_VoxelNum`.
 */
export function shape2DLabel(b: Baseline, column: string): Mask {
  const { mask } = loadCase(caseOf(column));
  const [, , z] = cellNumbers(b, 'diagnostics_Mask-corrected_BoundingBox', column);
  const [nx, ny] = mask.grid.size;
  const data = new Uint8Array(mask.data.length);
  let count = 0;
  for (let i = z * nx * ny; i < (z + 1) * nx * ny; i++) {
    data[i] = mask.data[i] === 1 ? 1 : 0;
    count += data[i];
  }
  const [voxels] = cellNumbers(b, 'diagnostics_Mask-corrected_VoxelNum', column);
  if (count !== voxels)
    throw new Error(`${column}: slice ${z} holds ${count} voxels, the 2D label had ${voxels}`);
  return { grid: mask.grid, data };
}

/**
 * Baseline values that this engine, like the current PyRadiomics, does not reproduce, with the largest relative
 * deviation allowed. brain1's mesh surface and volume in baseline_shape.csv (PyRadiomics 2.0.1b1.post11) are the
 * correct marching-cubes mesh less one triangle: brain1 is the only case with two cubes of one particular 5-triangle
 * configuration (PyRadiomics' configuration 62), and removing that configuration's fifth triangle (edges 5, 7, 0)
 * from both cubes gives SurfaceArea 6433.734317098613 and MeshVolume 16149.495442708187, the baseline to all 12
 * printed digits. The same mesh routine reproduces brain2, breast1, lung1 and lung2 exactly, and both the early
 * (Bourke) and the current PyRadiomics tables give our brain1 values (6438.821603779, 16147.5118001), so the
 * baseline was made by an intermediate table with a broken row. Every other brain1 shape feature (diameters, axes,
 * voxel volume) agrees to 1e-12. Keyed `<column> <feature>`.
 */
export const KNOWN_BASELINE_DEVIATIONS: Readonly<Record<string, number>> = {
  'brain1 SurfaceArea': 8e-4,
  'brain1 MeshVolume': 1.3e-4,
  'brain1 SurfaceVolumeRatio': 1e-3,
  'brain1 Sphericity': 9e-4,
};

/** Running tally of a baseline comparison: values compared, worst relative error, failures, known deviations. */
export interface BaselineTally {
  compared: number;
  worst: number;
  readonly failures: string[];
  readonly known: string[];
}

/** An empty {@link BaselineTally}. */
export function newTally(): BaselineTally {
  return { compared: 0, worst: 0, failures: [], known: [] };
}

/**
 * Compares one column's features with the baseline rows: a baseline value we do not produce is a failure; a value
 * outside `tol` is a failure, except a {@link KNOWN_BASELINE_DEVIATIONS} entry, which must stay within its bound
 * and is reported in `known`.
 */
export function compareColumn(
  rows: ReadonlyMap<string, ReadonlyMap<string, number>>,
  column: string,
  actualOf: (feature: string) => number | undefined,
  tol: { readonly rel: number; readonly abs: number },
  tally: BaselineTally,
): void {
  for (const [feature, byColumn] of rows) {
    const expected = byColumn.get(column);
    if (expected === undefined) continue;
    const actual = actualOf(feature);
    tally.compared++;
    if (actual === undefined) {
      tally.failures.push(`${column} ${feature}: not produced (baseline ${expected})`);
      continue;
    }
    const rel = relativeError(actual, expected);
    const bound = KNOWN_BASELINE_DEVIATIONS[`${column} ${feature}`];
    if (bound !== undefined) {
      // A documented stale baseline value: asserted within its bound and reported, never silently passed.
      tally.known.push(`${column} ${feature} rel ${rel.toExponential(2)}`);
      if (!(rel <= bound)) tally.failures.push(`${column} ${feature}: beyond its known deviation ${bound}`);
      continue;
    }
    tally.worst = Math.max(tally.worst, rel);
    if (!isClose(actual, expected, tol))
      tally.failures.push(
        `${column} ${feature}: got ${actual}, baseline ${expected} (rel ${rel.toExponential(2)})`,
      );
  }
}

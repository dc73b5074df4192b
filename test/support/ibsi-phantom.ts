import { readFileSync } from 'node:fs';
import { referencePath } from './reference.ts';
import { buildRoiInput } from '../../src/radiomics/roi-input.ts';
import { DEFAULT_SETTINGS } from '../../src/radiomics/settings.ts';
import type { RadiomicsSettings } from '../../src/radiomics/settings.ts';
import type { RoiInput } from '../../src/radiomics/types.ts';
import { splitCsvLine } from './csv-line.ts';

/**
 * The IBSI-1 digital phantom and its consensus reference values, read from the project's copy in test/reference/ibsi.
 */

/** One consensus value of the digital phantom. */
export interface IbsiReference {
  readonly family: string;
  readonly feature: string;
  readonly code: string;
  /** '3D, averaged', '2.5D, merged', '3D', '2D', ... ('' for non-texture families). */
  readonly aggregation: string;
  readonly value: number;
  /** Printed value text (3 significant digits; the tolerance column is empty for the phantom). */
  readonly text: string;
}

/** Parses a manual number: '0.519', '1.49e3', ':math:`-`\ 0.0121'. */
function parseManualNumber(text: string): number {
  const t = text.replace(/:math:`-`\\?\s*/, '-').trim();
  const v = Number(t);
  if (!Number.isFinite(v)) throw new Error(`unreadable IBSI value ${JSON.stringify(text)}`);
  return v;
}

/** The digital phantom's reference values. */
export function readIbsiPhantomReference(): IbsiReference[] {
  const text = readFileSync(referencePath('ibsi', 'ibsi1_digital_phantom_reference_values.csv'), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]);
  const col = (name: string): number => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const c = splitCsvLine(line);
    return {
      family: c[col('family')],
      feature: c[col('feature')],
      code: c[col('ibsi_code')],
      aggregation: c[col('aggregation')],
      value: parseManualNumber(c[col('value')]),
      text: c[col('value')],
    };
  });
}

/**
 * True when `actual` equals the printed reference to its printed precision: the phantom's values are exact to
 * 3 significant digits, so `actual` rounded to 3 significant digits must equal the printed value.
 */
export function matchesPrinted(actual: number, printed: number): boolean {
  if (printed === 0) return Math.abs(actual) < 5e-4;
  const rounded = Number(actual.toPrecision(3));
  return Math.abs(rounded - printed) <= 1e-12 * Math.abs(printed);
}

/** One row of featuresDict_IBSIv7.tsv. */
export interface IbsiMapping {
  readonly ibsiName: string;
  readonly code: string;
  readonly pyClass: string;
  readonly pyName: string;
}

/** The PyRadiomics-to-IBSI name table (rows that name a PyRadiomics feature). */
export function readIbsiMapping(): IbsiMapping[] {
  const text = readFileSync(referencePath('pyradiomics', 'featuresDict_IBSIv7.tsv'), 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => (c[3] ?? '').trim() !== '')
    .map((c) => ({ ibsiName: c[0], code: c[1], pyClass: c[2], pyName: c[3].trim() }));
}

/** The phantom's size [x, y, z], spacing, intensities and 0/1 ROI mask (x fastest). */
export function readIbsiPhantom(): {
  size: [number, number, number];
  spacingMm: [number, number, number];
  values: Float64Array;
  mask: Uint8Array;
} {
  const text = readFileSync(referencePath('ibsi', 'ibsi1_digital_phantom_voxels.csv'), 'utf8');
  const rows = text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.length > 0)
    .map((l) => l.split(',').map(Number));
  const nx = Math.max(...rows.map((r) => r[0])) + 1;
  const ny = Math.max(...rows.map((r) => r[1])) + 1;
  const nz = Math.max(...rows.map((r) => r[2])) + 1;
  const values = new Float64Array(nx * ny * nz);
  const mask = new Uint8Array(nx * ny * nz);
  for (const [x, y, z, v, m] of rows) {
    const i = x + nx * (y + ny * z);
    values[i] = v;
    mask[i] = m;
  }
  return { size: [nx, ny, nz], spacingMm: [2, 2, 2], values, mask };
}

/** The phantom as a RoiInput with binWidth 1 (levels = the phantom's integer intensities) and extra settings. */
export function phantomRoi(overrides: Partial<RadiomicsSettings>): RoiInput {
  const p = readIbsiPhantom();
  const settings: RadiomicsSettings = { ...DEFAULT_SETTINGS, binWidth: 1, ...overrides };
  return buildRoiInput(p.values, p.mask, p.size, p.spacingMm, settings, 'IBSI digital phantom');
}

/** Corrections to featuresDict_IBSIv7.tsv (wrong class, name or code), applied before checking the mapping. */
const MAPPING_ERRATA: Readonly<Record<string, Partial<IbsiMapping>>> = {
  // Listed under class 'glcm'; they are GLSZM features.
  SmallAreaLowGrayLevelEmphasis: { pyClass: 'glszm' },
  SmallAreaHighGrayLevelEmphasis: { pyClass: 'glszm' },
  LargeAreaLowGrayLevelEmphasis: { pyClass: 'glszm' },
  LargeAreaHighGrayLevelEmphasis: { pyClass: 'glszm' },
  // PyRadiomics names are ZoneVariance / ZoneEntropy.
  ZoneSizeVariance: { pyName: 'ZoneVariance' },
  ZoneSizeEntropy: { pyName: 'ZoneEntropy' },
  // S1RA / K26C are the GLDZM codes; the GLSZM ones are XMSY / 5GN9 (names spelled Gray in PyRadiomics).
  LowGreyLevelZoneEmphasis: { pyName: 'LowGrayLevelZoneEmphasis', code: 'XMSY' },
  HighGreyLevelZoneEmphasis: { pyName: 'HighGrayLevelZoneEmphasis', code: '5GN9' },
};

/** The mapping rows of one PyRadiomics class, errata applied. */
export function classMapping(className: string): IbsiMapping[] {
  return readIbsiMapping()
    .map((m) => ({ ...m, ...(MAPPING_ERRATA[m.pyName] ?? {}) }))
    .filter((m) => m.pyClass === className);
}

/** The IBSI code a feature's `reference` names ("IBSI XXXX; ..."), or null. */
export function ibsiCode(reference: string): string | null {
  return /\bIBSI ([0-9A-Z]{4})\b/.exec(reference)?.[1] ?? null;
}

/** One feature compared with the phantom. */
export interface PhantomComparison {
  readonly feature: string;
  readonly code: string;
  readonly aggregation: string;
  readonly reference: IbsiReference;
  readonly actual: number;
  readonly matched: boolean;
}

/**
 * Computes every feature of the class that names an IBSI code on the phantom with `overrides` and pairs it
 * with the consensus value of that code and aggregation (features without a value there are skipped).
 */
export function compareWithPhantom<P>(
  fc: {
    prepare: (i: RoiInput) => P;
    features: Readonly<Record<string, { compute: (p: P) => number; reference: string }>>;
  },
  aggregation: string,
  overrides: Partial<RadiomicsSettings>,
): PhantomComparison[] {
  const refs = readIbsiPhantomReference();
  const prep = fc.prepare(phantomRoi(overrides));
  const out: PhantomComparison[] = [];
  for (const [feature, f] of Object.entries(fc.features)) {
    const code = ibsiCode(f.reference);
    if (code === null) continue;
    const reference = refs.find((r) => r.code === code && r.aggregation === aggregation);
    if (reference === undefined) continue;
    const actual = f.compute(prep);
    out.push({
      feature,
      code,
      aggregation,
      reference,
      actual,
      matched: matchesPrinted(actual, reference.value),
    });
  }
  return out;
}

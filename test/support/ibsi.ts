import { readFileSync } from 'node:fs';
import { referencePath } from './reference.ts';
import { splitCsvLine } from './csv-line.ts';
import { readIbsiPhantom } from './ibsi-phantom.ts';

/** One IBSI reference value of the digital phantom. */
export interface IbsiValue {
  readonly feature: string;
  readonly value: number;
  /** The manual's tolerance; for rows printed without one, half a unit of the 3rd significant digit. */
  readonly tolerance: number;
}

/** IBSI 1 digital-phantom reference rows of one feature family, by IBSI code (first row per code). */
export function ibsiValues(family: string): Map<string, IbsiValue> {
  const text = readFileSync(referencePath('ibsi', 'ibsi1_digital_phantom_reference_values.csv'), 'utf8');
  const out = new Map<string, IbsiValue>();
  for (const line of text.trim().split(/\r?\n/).slice(1)) {
    const cells = splitCsvLine(line);
    if (cells[0] !== family || out.has(cells[2])) continue;
    const value = Number(cells[5].replace(':math:`-`\\ ', '-'));
    const tolerance =
      cells[6] === '' ? 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(value))) - 2) : Number(cells[6]);
    out.set(cells[2], { feature: cells[1], value, tolerance });
  }
  return out;
}

/** PyRadiomics feature name per IBSI code for one class, from featuresDict_IBSIv7.tsv. */
export function ibsiMapping(cls: string): Map<string, string> {
  const text = readFileSync(referencePath('pyradiomics', 'featuresDict_IBSIv7.tsv'), 'utf8');
  const out = new Map<string, string>();
  for (const line of text.trim().split(/\r?\n/).slice(1)) {
    const [, code, c, name] = line.split('\t');
    if (c === cls && name) out.set(code, name);
  }
  return out;
}

/** The digital phantom decoded from CSV: 5 x 4 x 4 voxels (x fastest), 2 mm isotropic (README of the data). */
export function readDigitalPhantom(): ReturnType<typeof readIbsiPhantom> {
  return readIbsiPhantom();
}

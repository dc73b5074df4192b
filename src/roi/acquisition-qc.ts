/**
 * QC of a series' acquisition headers for the marrow ROI (DESIGN sections 4 and 6): the ROI and its HU
 * thresholds need a CT; contrast named in the headers counts as contrast beside the aorta's HU (contrast raises
 * the marrow's HU, which the study's non-contrast model does not expect); slice thickness and kernel are
 * reported, with a warning when the thickness is outside the range the ROI is checked on.
 */
import type { AcquisitionInfo, NumberRange } from '../volume/acquisition.ts';
import type { HeaderContrast } from './types.ts';

/**
 * Slice thickness range (mm) the automatic ROI is checked on (1.25..5 mm series); outside it the QC warns:
 * thinner slices are noisier, thicker ones blur the marrow's texture and the body's end plates.
 */
export const SLICE_THICKNESS_RANGE_MM: readonly [number, number] = [1, 5];

/** The acquisition part of the ROI's QC. */
export interface AcquisitionQc {
  readonly modality: string | null;
  readonly headerContrast: HeaderContrast | null;
  readonly sliceThicknessMm: NumberRange | null;
  readonly convolutionKernel: string | null;
  /** Why the series can have no marrow ROI at all (its modality is not CT); null when the headers allow one. */
  readonly refusal: string | null;
  /** Why contrast named in the headers fails QC (`allowContrast` false); null when it does not. */
  readonly contrastRejection: string | null;
  /** Warnings to keep in the QC reasons (contrast allowed, slice thickness). */
  readonly warnings: readonly string[];
}

/** Words that say no contrast was given ("NONE", "No", "non-contrast", "N/A", "w/o", "unenhanced"). */
const NEGATION_WORDS = new Set([
  'none',
  'no',
  'n',
  'nil',
  'na',
  'n a',
  'non',
  'not',
  'without',
  'w o',
  'wo',
  'noncontrast',
  'unenhanced',
  'nonenhanced',
  'native',
  'plain',
  '0',
]);
/** Words that say nothing by themselves: a value of these only ("IV contrast", "given") names contrast. */
const NEUTRAL_WORDS = new Set([
  'contrast',
  'iv',
  'agent',
  'enhanced',
  'enhancement',
  'applicable',
  'given',
  'used',
  'administered',
]);

/**
 * True when a ContrastBolusAgent or ContrastBolusRoute value says that no contrast was given: after lower-casing
 * and turning punctuation into spaces, every word is a "none"-style word (`NONE`, `No`, `N/A`, `nil`,
 * `non-contrast`, `No contrast`, `w/o contrast`, `unenhanced`, `native`, `0`...), and at least one of them is
 * a negation or "unenhanced"-style word (so `IV contrast` names contrast). An empty value says nothing (true).
 */
export function isNoContrastValue(value: string): boolean {
  const words = value
    .toLowerCase()
    .replace(/\bw\/o\b/g, 'wo')
    .replace(/\bn\/a\b/g, 'na')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  if (words.length === 0) return true;
  return (
    words.every((w) => NEGATION_WORDS.has(w) || NEUTRAL_WORDS.has(w)) &&
    words.some((w) => NEGATION_WORDS.has(w))
  );
}

function formatRange(r: NumberRange): string {
  return r.min === r.max ? `${r.min}` : `${r.min}..${r.max}`;
}

/** The headers' contrast values, and those of them that name contrast (`evidence`). */
function readHeaderContrast(a: AcquisitionInfo): HeaderContrast & { readonly evidence: readonly string[] } {
  const values: string[] = [];
  const evidence: string[] = [];
  const add = (text: string, names: boolean): void => {
    values.push(text);
    if (names) evidence.push(text);
  };
  for (const v of a.contrastBolusAgent) add(`ContrastBolusAgent "${v}"`, !isNoContrastValue(v));
  for (const v of a.contrastBolusRoute) add(`ContrastBolusRoute "${v}"`, !isNoContrastValue(v));
  const ml = a.contrastBolusVolumeMl;
  if (ml !== null) add(`ContrastBolusVolume "${formatRange(ml)}"`, ml.max > 0);
  return { named: evidence.length > 0, values, evidence };
}

/**
 * What the headers say about contrast: every ContrastBolusAgent, ContrastBolusRoute and ContrastBolusVolume
 * value carried, and whether any names contrast (an agent or route that is not {@link isNoContrastValue}, a
 * volume above 0 ml).
 */
export function findHeaderContrast(a: AcquisitionInfo): HeaderContrast {
  const { named, values } = readHeaderContrast(a);
  return { named, values };
}

/**
 * Checks a series' acquisition headers for the marrow ROI: `refusal` when the modality is not CT ("the series
 * is MR, not CT: ..."); contrast named in the headers ({@link findHeaderContrast}) gives `contrastRejection`,
 * or with `allowContrast` a warning; a slice thickness outside {@link SLICE_THICKNESS_RANGE_MM} a warning.
 * Without headers (`undefined`: NRRD, NIfTI) every field is null and nothing is refused or warned.
 */
export function checkAcquisition(a: AcquisitionInfo | undefined, allowContrast: boolean): AcquisitionQc {
  if (a === undefined) {
    return {
      modality: null,
      headerContrast: null,
      sliceThicknessMm: null,
      convolutionKernel: null,
      refusal: null,
      contrastRejection: null,
      warnings: [],
    };
  }
  const modality = a.modality.length === 0 ? null : a.modality.join('/');
  const refusal =
    modality !== null && a.modality.some((m) => m !== 'CT')
      ? `the series is ${modality}, not CT: the marrow ROI and its HU thresholds need a CT`
      : null;
  const { named, values, evidence } = readHeaderContrast(a);
  const warnings: string[] = [];
  let contrastRejection: string | null = null;
  if (named) {
    const what = `contrast-enhanced scan: DICOM header ${evidence.join(', ')}`;
    if (allowContrast) warnings.push(`warning: ${what}, allowed: the marrow HU is raised by contrast`);
    else contrastRejection = `${what} (contrast raises the marrow HU; allow contrast to keep the ROI anyway)`;
  }
  const thickness = a.sliceThicknessMm;
  const [lo, hi] = SLICE_THICKNESS_RANGE_MM;
  if (thickness !== null && (thickness.min < lo || thickness.max > hi)) {
    warnings.push(
      `warning: slice thickness ${formatRange(thickness)} mm is outside ${lo}..${hi} mm, the range the ROI is checked on (HU noise and texture change with thickness)`,
    );
  }
  return {
    modality,
    headerContrast: { named, values },
    sliceThicknessMm: thickness,
    convolutionKernel: a.convolutionKernel.length === 0 ? null : a.convolutionKernel.join(', '),
    refusal,
    contrastRejection,
    warnings,
  };
}

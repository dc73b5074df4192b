/**
 * The nomogram's clinical inputs (DESIGN section 4, STUDY.md Table 1), defined once for synthesis, training,
 * scoring and the FHIR mapper: each variable with its unit, its cut rule, its levels as the training tables
 * write them, and a provenance slot saying where a value came from. Pure.
 *
 * Cut rules (the study's Table 1 and the St Gallen surrogate):
 * - ER positive when >= 1 % of tumour cells stain (ASCO/CAP), or when coded positive;
 * - PR split at 20 % (the study's Table 1 cut); a coded positive without a percentage is not placed;
 * - HER-2 positive for IHC 3+ or an amplified ISH (HER-2/CEP17 ratio >= 2.0); IHC 0/1+ negative; IHC 2+
 *   without ISH is equivocal, so not placed;
 * - Ki-67 high when >= 14 % (the study's cut);
 * - subtype from the four (HR = ER or PR positive): HER-2+ HR+, HER-2+ HR-, Luminal A (HR+, HER-2-, Ki-67 < 14 %,
 *   PR >= 20 %), Luminal B (HR+, HER-2-, Ki-67 >= 14 % or PR < 20 %), triple negative; special histology wins.
 */
import { ClinicalInputError } from '../errors.ts';

/** Molecular subtype groups of the study (St Gallen surrogate, plus special histology). */
export type Subtype =
  'her2-hr-pos' | 'her2-hr-neg' | 'luminal-a' | 'luminal-b' | 'triple-negative' | 'special';

/** Ordered as in Table 1. */
export const SUBTYPES: readonly Subtype[] = [
  'her2-hr-pos',
  'her2-hr-neg',
  'luminal-a',
  'luminal-b',
  'triple-negative',
  'special',
];

/** ER cut: positive from this percentage of stained tumour cells (ASCO/CAP 2020). */
export const ER_POSITIVE_FROM_PERCENT = 1;
/** PR cut of the study's Table 1. */
export const PR_HIGH_FROM_PERCENT = 20;
/** Ki-67 cut of the study (St Gallen 2011). */
export const KI67_HIGH_FROM_PERCENT = 14;
/** HER-2/CEP17 ISH ratio from which HER-2 is amplified (ASCO/CAP 2018). */
export const HER2_AMPLIFIED_FROM_RATIO = 2;

/** The clinical variables by their names in training tables and model artifacts (the nomogram's term names). */
export type ClinicalVariable = 'age' | 'er' | 'pr' | 'her2' | 'ki67' | 'subtype';

/** Where a value came from: a FHIR resource, a table row, the synthetic generator, or a person typing it. */
export interface Provenance {
  readonly source: 'fhir' | 'table' | 'synthetic' | 'manual';
  /** `Observation/123`, `clinical.csv row 12`, ... */
  readonly reference?: string;
  /** Effective date of the value (ISO 8601), when known. */
  readonly date?: string;
  /** The value as recorded before the cut rule (`35 %`, `IHC 2+`, `LA6576-8`). */
  readonly original?: string;
}

/** One input: its value at the cut (null when not available, and why), with its provenance. */
export interface ClinicalValue<T> {
  readonly value: T | null;
  /** Why the value is null: not recorded, or recorded but not placeable (equivocal HER-2, PR positive without %). */
  readonly missingReason?: string;
  readonly provenance?: Provenance;
}

/** What the record says, before the cut rules: percentages, scores, coded results; absent = not recorded. */
export interface ClinicalRecord {
  readonly ageYears?: number;
  readonly erPercent?: number;
  readonly erCoded?: 'positive' | 'negative';
  readonly prPercent?: number;
  readonly prCoded?: 'positive' | 'negative';
  readonly her2Ihc?: 0 | 1 | 2 | 3;
  readonly her2IshRatio?: number;
  readonly her2IshAmplified?: boolean;
  readonly her2Coded?: 'positive' | 'negative';
  readonly ki67Percent?: number;
  readonly specialHistology?: boolean;
}

/** The nomogram's inputs at their cuts, each with provenance. Levels are those of the training tables. */
export interface ClinicalInputs {
  readonly age: ClinicalValue<number>;
  readonly er: ClinicalValue<'positive' | 'negative'>;
  readonly pr: ClinicalValue<'ge20' | 'lt20'>;
  readonly her2: ClinicalValue<'positive' | 'negative'>;
  readonly ki67: ClinicalValue<'ge14' | 'lt14'>;
  readonly subtype: ClinicalValue<Subtype>;
}

/** Unit, cut rule and levels of each variable (for the app's provenance table, the model card and messages). */
export const CLINICAL_VARIABLES: Readonly<
  Record<
    ClinicalVariable,
    {
      readonly label: string;
      readonly unit: string;
      readonly rule: string;
      readonly levels: readonly string[];
    }
  >
> = {
  age: { label: 'Age', unit: 'years', rule: 'age at the CT date', levels: [] },
  er: {
    label: 'ER',
    unit: '% positive tumour cells',
    rule: `positive if >= ${ER_POSITIVE_FROM_PERCENT} % or coded positive`,
    levels: ['positive', 'negative'],
  },
  pr: {
    label: 'PR',
    unit: '% positive tumour cells',
    rule: `ge20 if >= ${PR_HIGH_FROM_PERCENT} %, else lt20`,
    levels: ['ge20', 'lt20'],
  },
  her2: {
    label: 'HER-2',
    unit: 'IHC score / ISH ratio',
    rule: `positive if IHC 3+ or ISH ratio >= ${HER2_AMPLIFIED_FROM_RATIO}; IHC 2+ without ISH is equivocal`,
    levels: ['positive', 'negative'],
  },
  ki67: {
    label: 'Ki-67',
    unit: '% positive nuclei',
    rule: `ge14 if >= ${KI67_HIGH_FROM_PERCENT} %, else lt14`,
    levels: ['ge14', 'lt14'],
  },
  subtype: {
    label: 'Molecular subtype',
    unit: '',
    rule: 'St Gallen surrogate from ER, PR, HER-2 and Ki-67; special histology wins',
    levels: SUBTYPES,
  },
};

function checkPercent(name: string, v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isFinite(v) || v < 0 || v > 100) {
    throw new ClinicalInputError(
      'invalid-clinical-value',
      `${name} must be a percentage from 0 to 100, got ${v}`,
    );
  }
  return v;
}

const known = <T>(value: T, provenance?: Provenance): ClinicalValue<T> =>
  provenance === undefined ? { value } : { value, provenance };
const unknown = <T>(missingReason: string, provenance?: Provenance): ClinicalValue<T> =>
  provenance === undefined ? { value: null, missingReason } : { value: null, missingReason, provenance };

/** ER at its cut: a percentage decides; else the coded result. */
export function erStatus(r: ClinicalRecord): 'positive' | 'negative' | null {
  const pct = checkPercent('ER', r.erPercent);
  if (pct !== undefined) return pct >= ER_POSITIVE_FROM_PERCENT ? 'positive' : 'negative';
  return r.erCoded ?? null;
}

/** PR at the study's 20 % cut; a coded negative is below it, a coded positive without % cannot be placed. */
export function prLevel(r: ClinicalRecord): 'ge20' | 'lt20' | null {
  const pct = checkPercent('PR', r.prPercent);
  if (pct !== undefined) return pct >= PR_HIGH_FROM_PERCENT ? 'ge20' : 'lt20';
  return r.prCoded === 'negative' ? 'lt20' : null;
}

/** HER-2 status: IHC 3+ or ISH amplified positive; IHC 0/1+ or ISH not amplified negative; else the coded result. */
export function her2Status(r: ClinicalRecord): 'positive' | 'negative' | null {
  if (r.her2IshRatio !== undefined && (!Number.isFinite(r.her2IshRatio) || r.her2IshRatio < 0)) {
    throw new ClinicalInputError(
      'invalid-clinical-value',
      `HER-2 ISH ratio must be >= 0, got ${r.her2IshRatio}`,
    );
  }
  const amplified =
    r.her2IshAmplified ??
    (r.her2IshRatio === undefined ? undefined : r.her2IshRatio >= HER2_AMPLIFIED_FROM_RATIO);
  if (r.her2Ihc === 3 || amplified === true) return 'positive';
  if (amplified === false || r.her2Ihc === 0 || r.her2Ihc === 1) return 'negative';
  if (r.her2Ihc === 2) return null;
  return r.her2Coded ?? null;
}

/** Ki-67 at the study's 14 % cut. */
export function ki67Level(r: ClinicalRecord): 'ge14' | 'lt14' | null {
  const pct = checkPercent('Ki-67', r.ki67Percent);
  return pct === undefined ? null : pct >= KI67_HIGH_FROM_PERCENT ? 'ge14' : 'lt14';
}

/** The St Gallen surrogate subtype from statuses at their cuts; null when an input it needs is missing. */
export function deriveSubtype(s: {
  readonly er: 'positive' | 'negative' | null;
  readonly pr: 'ge20' | 'lt20' | null;
  readonly prCodedPositive?: boolean;
  readonly her2: 'positive' | 'negative' | null;
  readonly ki67: 'ge14' | 'lt14' | null;
  readonly specialHistology?: boolean;
}): Subtype | null {
  if (s.specialHistology === true) return 'special';
  if (s.her2 === null) return null;
  const prPositive = s.pr === 'ge20' || s.prCodedPositive === true;
  const hr = s.er === 'positive' || prPositive ? true : s.er === 'negative' && s.pr !== null ? false : null;
  if (hr === null) return null;
  if (s.her2 === 'positive') return hr ? 'her2-hr-pos' : 'her2-hr-neg';
  if (!hr) return 'triple-negative';
  if (s.ki67 === 'ge14' || s.pr === 'lt20') return 'luminal-b';
  if (s.ki67 === 'lt14' && s.pr === 'ge20') return 'luminal-a';
  return null;
}

/** Provenance of each part of a record (absent parts have none). */
export type RecordProvenance = Partial<Readonly<Record<ClinicalVariable, Provenance>>>;

/**
 * The nomogram's inputs from what the record says, each at its cut, with the provenance given per variable.
 * A value that is absent or cannot be placed is null with the reason; a value out of range throws
 * {@link ClinicalInputError} `invalid-clinical-value` naming it.
 */
export function deriveClinicalInputs(r: ClinicalRecord, provenance: RecordProvenance = {}): ClinicalInputs {
  if (r.ageYears !== undefined && (!Number.isFinite(r.ageYears) || r.ageYears < 0 || r.ageYears > 130)) {
    throw new ClinicalInputError('invalid-clinical-value', `age must be 0 to 130 years, got ${r.ageYears}`);
  }
  const er = erStatus(r);
  const pr = prLevel(r);
  const her2 = her2Status(r);
  const ki67 = ki67Level(r);
  const subtype = deriveSubtype({
    er,
    pr,
    prCodedPositive: r.prCoded === 'positive',
    her2,
    ki67,
    specialHistology: r.specialHistology === true,
  });
  const p = provenance;
  return {
    age: r.ageYears === undefined ? unknown('no birth date recorded', p.age) : known(r.ageYears, p.age),
    er: er === null ? unknown('no ER result recorded', p.er) : known(er, p.er),
    pr:
      pr === null
        ? unknown(
            r.prCoded === 'positive'
              ? 'PR positive without a percentage: cannot place it at 20 %'
              : 'no PR result recorded',
            p.pr,
          )
        : known(pr, p.pr),
    her2:
      her2 === null
        ? unknown(
            r.her2Ihc === 2 ? 'HER-2 IHC 2+ without ISH is equivocal' : 'no HER-2 result recorded',
            p.her2,
          )
        : known(her2, p.her2),
    ki67: ki67 === null ? unknown('no Ki-67 result recorded', p.ki67) : known(ki67, p.ki67),
    subtype:
      subtype === null
        ? unknown('the receptor results do not determine the subtype', p.subtype)
        : known(subtype, p.subtype),
  };
}

/** The values by variable name, as the model artifact's nomogram terms are named (null where not available). */
export function clinicalTermValues(
  inputs: ClinicalInputs,
): Readonly<Record<ClinicalVariable, number | string | null>> {
  return {
    age: inputs.age.value,
    er: inputs.er.value,
    pr: inputs.pr.value,
    her2: inputs.her2.value,
    ki67: inputs.ki67.value,
    subtype: inputs.subtype.value,
  };
}

/** The variables a model's nomogram needs that `inputs` lacks, with the reason for each. */
export function missingClinicalInputs(
  inputs: ClinicalInputs,
  needed: readonly string[],
): readonly { readonly variable: ClinicalVariable; readonly reason: string }[] {
  return needed
    .filter((n): n is ClinicalVariable => n in CLINICAL_VARIABLES)
    .filter((n) => inputs[n].value === null)
    .map((n) => ({ variable: n, reason: inputs[n].missingReason ?? 'not available' }));
}

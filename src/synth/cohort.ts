/**
 * The synthetic study cohort (STUDY.md Table 1): 106 breast-cancer patients, 37 with bone metastasis within five
 * years; train 84 (29 events) and test 22 (8 events). Per split, the age mean and SD and every categorical row of
 * Table 1 are reproduced exactly; events are drawn independently of the clinical variables (the study found no
 * clinical difference), and a latent marrow factor, shifted by the outcome, drives the CT phantom's marrow.
 * Pure and seeded: the same seed gives the same cohort.
 *
 * Table 1 is not internally consistent, and the cohort keeps its rows exact by these readings:
 * - the HER-2 row counts IHC 2+ as positive (train: 45 positive, but only 37 HER-2+ subtypes); the extra IHC 2+
 *   patients are not ISH-amplified, so they are HER-2 negative for the subtype;
 * - ER-low (1-9 %) counts as ER positive in the ER row while the subtype keeps the recorded HR-negative group
 *   (test: 12 ER positive, 11 HR-positive or special patients);
 * - the `subtype` column is the recorded group; where the receptor rows cannot all agree with it (test: 9 PR >= 20 %
 *   but only 2 Ki-67 >= 14 %), the receptor rows win and the surrogate rule would classify a few patients differently.
 */
import { createRng } from '../stats/random.ts';
import type { Rng } from '../stats/random.ts';
import { SettingsError } from '../errors.ts';
import { SUBTYPES, erStatus, ki67Level, prLevel } from '../clinical/inputs.ts';
import type { Subtype } from '../clinical/inputs.ts';

/** The fixed margins of one split. */
export interface SplitDesign {
  readonly n: number;
  readonly events: number;
  readonly ageMean: number;
  readonly ageSd: number;
  readonly erPositive: number;
  /** PR >= 20 %. */
  readonly prHigh: number;
  /** HER-2 positive in the Table 1 row (IHC 2+ or 3+). */
  readonly her2Positive: number;
  /** Ki-67 >= 14 %. */
  readonly ki67High: number;
  readonly subtypes: Readonly<Record<Subtype, number>>;
}

/** STUDY.md Table 1. */
export const STUDY_DESIGN: { readonly train: SplitDesign; readonly test: SplitDesign } = {
  train: {
    n: 84,
    events: 29,
    ageMean: 50.3,
    ageSd: 9.5,
    erPositive: 52,
    prHigh: 38,
    her2Positive: 45,
    ki67High: 17,
    subtypes: {
      'her2-hr-pos': 18,
      'her2-hr-neg': 19,
      'luminal-a': 13,
      'luminal-b': 21,
      'triple-negative': 11,
      special: 2,
    },
  },
  test: {
    n: 22,
    events: 8,
    ageMean: 51.4,
    ageSd: 11.2,
    erPositive: 12,
    prHigh: 9,
    her2Positive: 13,
    ki67High: 2,
    subtypes: {
      'her2-hr-pos': 3,
      'her2-hr-neg': 10,
      'luminal-a': 0,
      'luminal-b': 7,
      'triple-negative': 1,
      special: 1,
    },
  },
};

/** One synthetic patient: clinical record, outcome and the phantom inputs. */
export interface CohortPatient {
  /** `SYN-0001` ... in cohort order. */
  readonly id: string;
  readonly split: 'train' | 'test';
  /** Bone metastasis within five years. */
  readonly event: boolean;
  /** Age at diagnosis, years (one decimal). */
  readonly ageYears: number;
  readonly birthDate: string;
  readonly diagnosisDate: string;
  /** Date of the chest CT (within a week of diagnosis). */
  readonly ctDate: string;
  readonly erPercent: number;
  readonly prPercent: number;
  /** HER-2 immunohistochemistry score 0..3 (2 = 2+). */
  readonly her2Ihc: 0 | 1 | 2 | 3;
  /** HER-2/CEP17 ISH ratio when ISH was done (IHC 2+), else null. */
  readonly her2IshRatio: number | null;
  readonly ki67Percent: number;
  readonly subtype: Subtype;
  /** Latent marrow factor (phantom `marrowFactor`), shifted up for events. */
  readonly marrowFactor: number;
  /** Seed of the patient's CT phantom. */
  readonly phantomSeed: number;
}

/**
 * Table 1 rows of a patient: ER positive (>= 1 %), PR >= 20 %, HER-2 IHC >= 2+, Ki-67 >= 14 %, by the cut rules of
 * src/clinical/inputs.ts, except HER-2: Table 1 counts IHC 2+ as positive (see the readings above), where the
 * clinical rule calls IHC 2+ equivocal until ISH decides.
 */
export function tableRow(p: CohortPatient): {
  er: boolean;
  prHigh: boolean;
  her2: boolean;
  ki67High: boolean;
} {
  return {
    er: erStatus({ erPercent: p.erPercent }) === 'positive',
    prHigh: prLevel({ prPercent: p.prPercent }) === 'ge20',
    her2: p.her2Ihc >= 2,
    ki67High: ki67Level({ ki67Percent: p.ki67Percent }) === 'ge14',
  };
}

/** Shift of the marrow factor: events +SHIFT, non-events -SHIFT, plus N(0, SPREAD^2) (ideal-reader AUC ~0.93). */
const SHIFT = 0.75;
const SPREAD = 0.7;
const DAY_MS = 86_400_000;

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}

/** Marks the `count` entries with the highest preference (ties in a random order) as true. */
function pickTop(rng: Rng, prefs: readonly number[], count: number): boolean[] {
  const order = shuffle(
    rng,
    prefs.map((_, i) => i),
  ).sort((a, b) => prefs[b] - prefs[a]);
  const out = prefs.map(() => false);
  for (let k = 0; k < count; k++) out[order[k]] = true;
  return out;
}

function between(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

/** Ages with exactly the given sample mean and SD before rounding to 0.1 year. */
function ages(rng: Rng, n: number, mean: number, sd: number): number[] {
  const z = Array.from({ length: n }, () => rng.normal());
  const m = z.reduce((s, v) => s + v, 0) / n;
  const s = Math.sqrt(z.reduce((acc, v) => acc + (v - m) ** 2, 0) / (n - 1));
  return z.map((v) => Math.round((mean + (sd * (v - m)) / s) * 10) / 10);
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const HR_POS: ReadonlySet<Subtype> = new Set(['her2-hr-pos', 'luminal-a', 'luminal-b']);
const HER2_POS: ReadonlySet<Subtype> = new Set(['her2-hr-pos', 'her2-hr-neg']);

function makeSplit(
  rng: Rng,
  split: 'train' | 'test',
  d: SplitDesign,
): Omit<CohortPatient, 'id' | 'phantomSeed'>[] {
  const subtypes = shuffle(
    rng,
    SUBTYPES.flatMap((s) => Array.from({ length: d.subtypes[s] }, () => s)),
  );
  const n = subtypes.length;
  const pref = (f: (s: Subtype, i: number) => number): number[] => subtypes.map(f);
  const er = pickTop(
    rng,
    pref((s) => (HR_POS.has(s) ? 3 : s === 'special' ? 2 : s === 'her2-hr-neg' ? 1 : 0)),
    d.erPositive,
  );
  const pr = pickTop(
    rng,
    pref((s, i) => (s === 'luminal-a' ? 4 : !er[i] ? 0 : s === 'her2-hr-pos' ? 3 : 2)),
    d.prHigh,
  );
  const her2 = pickTop(
    rng,
    pref((s) => (HER2_POS.has(s) ? 3 : s === 'luminal-b' || s === 'special' ? 1 : 0)),
    d.her2Positive,
  );
  const ki = pickTop(
    rng,
    pref((s, i) => (s === 'luminal-a' ? 0 : s === 'luminal-b' ? (pr[i] ? 4 : 1) : 2)),
    d.ki67High,
  );
  const events = pickTop(rng, new Array<number>(n).fill(0), d.events);
  const age = ages(rng, n, d.ageMean, d.ageSd);
  return subtypes.map((subtype, i) => {
    const hrLow = er[i] && !HR_POS.has(subtype) && subtype !== 'special';
    const erPercent = !er[i] ? 0 : hrLow ? between(rng, 1, 9) : between(rng, 30, 95);
    const prPercent = pr[i] ? between(rng, 20, 90) : er[i] && !hrLow ? between(rng, 0, 15) : 0;
    let her2Ihc: 0 | 1 | 2 | 3;
    let her2IshRatio: number | null = null;
    if (her2[i] && HER2_POS.has(subtype)) {
      her2Ihc = rng.next() < 0.7 ? 3 : 2;
      if (her2Ihc === 2) her2IshRatio = between(rng, 22, 45) / 10;
    } else if (her2[i]) {
      her2Ihc = 2;
      her2IshRatio = between(rng, 10, 18) / 10;
    } else her2Ihc = rng.next() < 0.5 ? 0 : 1;
    const ki67Percent = ki[i] ? between(rng, 14, 60) : between(rng, 2, 13);
    const diagnosisMs = Date.UTC(2013, 0, 1) + between(rng, 0, 5 * 365) * DAY_MS;
    const birthMs = diagnosisMs - Math.round(age[i] * 365.25) * DAY_MS;
    const factor = (events[i] ? SHIFT : -SHIFT) + SPREAD * rng.normal();
    return {
      split,
      event: events[i],
      ageYears: age[i],
      birthDate: isoDate(birthMs),
      diagnosisDate: isoDate(diagnosisMs),
      ctDate: isoDate(diagnosisMs - between(rng, 0, 6) * DAY_MS),
      erPercent,
      prPercent,
      her2Ihc,
      her2IshRatio,
      ki67Percent,
      subtype,
      marrowFactor: Math.round(Math.min(2.5, Math.max(-2.5, factor)) * 1000) / 1000,
    };
  });
}

/**
 * The study cohort for `seed`: 106 patients in a seeded random order (train and test mixed), ids SYN-0001...
 * Each patient's phantom seed is derived from the cohort seed and its position.
 */
export function makeCohort(seed: number): CohortPatient[] {
  if (!Number.isInteger(seed))
    throw new SettingsError('invalid-setting', `seed must be an integer, got ${seed}`);
  const rng = createRng(seed);
  const all = shuffle(rng, [
    ...makeSplit(rng, 'train', STUDY_DESIGN.train),
    ...makeSplit(rng, 'test', STUDY_DESIGN.test),
  ]);
  return all.map((p, i) => ({
    ...p,
    id: `SYN-${String(i + 1).padStart(4, '0')}`,
    phantomSeed: ((seed >>> 0) * 1000 + i + 1) % 2147483647,
  }));
}

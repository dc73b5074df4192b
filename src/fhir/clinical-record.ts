/**
 * FHIR R4 -> the nomogram's clinical inputs (DESIGN section 4). Observations are matched on code system and
 * code only, never on display text; among the matches of one input the newest final, amended or corrected
 * Observation wins, and entered-in-error (or preliminary, cancelled...) ones are ignored. Each input keeps
 * the provenance of the Observation that decided it. Pure: the resources are given, nothing is fetched.
 */
import { HER2_AMPLIFIED_FROM_RATIO, deriveClinicalInputs } from '../clinical/inputs.ts';
import type { ClinicalInputs, ClinicalRecord, Provenance, RecordProvenance } from '../clinical/inputs.ts';
import * as C from '../clinical/codes.ts';
import { hasCode, isObject, readObservation, str } from './resources.ts';
import type { Coding, ObservationFacts } from './resources.ts';

const USABLE_STATUS = new Set(['final', 'amended', 'corrected']);
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/** LOINC codes of each input, by the form of value they carry (DESIGN section 4 table). */
export const INPUT_CODES = {
  erCoded: [C.OBS.erPresence, C.OBS.erInterpretation],
  erPercent: [C.OBS.erPercent, '14228-1'],
  prCoded: [C.OBS.prPresence, C.OBS.prInterpretation],
  prPercent: [C.OBS.prPercent],
  her2Coded: [C.OBS.her2Interpretation],
  her2Ihc: [C.OBS.her2Ihc],
  her2Ish: [C.OBS.her2Ish],
  her2Ratio: [C.OBS.her2Ratio],
  ki67Percent: [C.OBS.ki67, C.OBS.ki67Alt],
} as const;

/** The newest usable Observation with one of `codes` (by date, then last update, then id for a stable order). */
function newest(
  observations: readonly ObservationFacts[],
  codes: readonly string[],
): ObservationFacts | undefined {
  const key = (o: ObservationFacts): string => `${o.date ?? ''}|${o.lastUpdated ?? ''}|${o.id}`;
  return observations
    .filter((o) => USABLE_STATUS.has(o.status) && hasCode(o.codes, C.LOINC, codes))
    .reduce<ObservationFacts | undefined>(
      (best, o) => (best === undefined || key(o) > key(best) ? o : best),
      undefined,
    );
}

/** A percentage from a valueQuantity in % (UCUM `%`, or unit text `%`), or a bare valueInteger. */
function percentOf(o: ObservationFacts): number | undefined {
  const q = o.value.quantity;
  if (q !== undefined && (q.code === '%' || q.unit === '%' || (q.code === undefined && q.unit === undefined)))
    return q.value;
  return o.value.integer;
}

/** Positive or negative from a coded value (SNOMED, LOINC answers) or the interpretation (POS/NEG). */
function codedResult(o: ObservationFacts): 'positive' | 'negative' | undefined {
  const value: readonly Coding[] = o.value.codings;
  if (hasCode(value, C.SNOMED, [C.SNOMED_POSITIVE]) || hasCode(value, C.LOINC, [C.LA_POSITIVE]))
    return 'positive';
  if (hasCode(value, C.SNOMED, [C.SNOMED_NEGATIVE]) || hasCode(value, C.LOINC, [C.LA_NEGATIVE]))
    return 'negative';
  if (hasCode(o.interpretation, INTERPRETATION, ['POS'])) return 'positive';
  if (hasCode(o.interpretation, INTERPRETATION, ['NEG'])) return 'negative';
  return undefined;
}

/** IHC score 0..3 from "0", "1+", "2+", "3+" (a valueString or valueInteger). */
function ihcScore(o: ObservationFacts): 0 | 1 | 2 | 3 | undefined {
  const text = o.value.text?.trim() ?? (o.value.integer === undefined ? undefined : String(o.value.integer));
  const m = text === undefined ? null : /^([0-3])\s*\+?$/.exec(text);
  if (m === null) return undefined;
  const n = Number(m[1]);
  return n === 0 || n === 1 || n === 2 || n === 3 ? n : undefined;
}

/** ISH amplified or not from text ("amplified", "not amplified", "greater than 2.2", a ratio) or a coded result. */
function ishAmplified(o: ObservationFacts): boolean | undefined {
  const coded = codedResult(o);
  if (coded !== undefined) return coded === 'positive';
  const text = o.value.text?.trim().toLowerCase();
  if (text === undefined) return undefined;
  if (/^(not|non)[- ]amplified$/.test(text)) return false;
  if (text === 'amplified') return true;
  const m = /^(greater than|>=?|less than|<)?\s*(\d+(?:\.\d+)?)$/.exec(text);
  if (m === null) return undefined;
  const bound = m[1];
  const ratio = Number(m[2]);
  if (bound === undefined) return ratio >= HER2_AMPLIFIED_FROM_RATIO;
  // "greater than 2.2" says amplified; "less than 1.8" says not; a bound on the other side of 2.0 says nothing.
  if (bound.startsWith('greater') || bound.startsWith('>'))
    return ratio >= HER2_AMPLIFIED_FROM_RATIO ? true : undefined;
  return ratio <= HER2_AMPLIFIED_FROM_RATIO ? false : undefined;
}

function provenanceOf(o: ObservationFacts, original: string): Provenance {
  return {
    source: 'fhir',
    reference: `Observation/${o.id}`,
    ...(o.date === undefined ? {} : { date: o.date }),
    original,
  };
}

function describeValue(o: ObservationFacts): string {
  const q = o.value.quantity;
  if (q !== undefined) return `${q.value}${q.unit === undefined ? '' : ` ${q.unit}`}`;
  if (o.value.text !== undefined) return o.value.text;
  const c = o.value.codings[0] ?? o.interpretation[0];
  return c === undefined ? '' : `${c.system ?? ''}|${c.code ?? ''}`;
}

/** Completed years, to 0.1, from `birthDate` to `asOf` (ISO dates); undefined when either is unreadable. */
export function ageYearsAt(birthDate: string, asOf: string): number | undefined {
  const b = Date.parse(birthDate.slice(0, 10));
  const a = Date.parse(asOf.slice(0, 10));
  if (!Number.isFinite(b) || !Number.isFinite(a) || a < b) return undefined;
  return Math.round(((a - b) / (365.25 * 86_400_000)) * 10) / 10;
}

/** What {@link readClinicalInputs} reads. */
export interface ClinicalResources {
  readonly patient: unknown;
  readonly observations: readonly unknown[];
  /** The date the age is taken at (the CT date; else today), ISO 8601. */
  readonly asOf: string;
}

/**
 * The nomogram's inputs of a patient from their Patient and Observation resources, each with the provenance
 * of the resource that decided it; inputs the record lacks are null with the reason (no exception).
 */
export function readClinicalInputs(r: ClinicalResources): ClinicalInputs {
  const obs = r.observations.map(readObservation).filter((o): o is ObservationFacts => o !== undefined);
  const record: { -readonly [K in keyof ClinicalRecord]: ClinicalRecord[K] } = {};
  const prov: { -readonly [K in keyof RecordProvenance]: RecordProvenance[K] } = {};

  const patientId = isObject(r.patient) ? str(r.patient, 'id') : undefined;
  const birthDate = isObject(r.patient) ? str(r.patient, 'birthDate') : undefined;
  const age = birthDate === undefined ? undefined : ageYearsAt(birthDate, r.asOf);
  if (age !== undefined && birthDate !== undefined) {
    record.ageYears = age;
    prov.age = {
      source: 'fhir',
      reference: `Patient/${patientId ?? ''}`,
      date: r.asOf.slice(0, 10),
      original: `born ${birthDate}`,
    };
  }

  for (const receptor of ['er', 'pr'] as const) {
    const pct = newest(obs, INPUT_CODES[`${receptor}Percent`]);
    const coded = newest(obs, INPUT_CODES[`${receptor}Coded`]);
    const p = pct === undefined ? undefined : percentOf(pct);
    const c = coded === undefined ? undefined : codedResult(coded);
    if (p !== undefined && pct !== undefined) {
      record[`${receptor}Percent`] = p;
      prov[receptor] = provenanceOf(pct, describeValue(pct));
    } else if (c !== undefined && coded !== undefined)
      prov[receptor] = provenanceOf(coded, describeValue(coded));
    if (c !== undefined) record[`${receptor}Coded`] = c;
  }

  const ihc = newest(obs, INPUT_CODES.her2Ihc);
  const ish = newest(obs, INPUT_CODES.her2Ish);
  const ratio = newest(obs, INPUT_CODES.her2Ratio);
  const her2Coded = newest(obs, INPUT_CODES.her2Coded);
  const score = ihc === undefined ? undefined : ihcScore(ihc);
  if (score !== undefined) record.her2Ihc = score;
  const ratioValue = ratio?.value.quantity?.value;
  if (ratioValue !== undefined) record.her2IshRatio = ratioValue;
  const amplified = ish === undefined ? undefined : ishAmplified(ish);
  if (amplified !== undefined) record.her2IshAmplified = amplified;
  const her2Result = her2Coded === undefined ? undefined : codedResult(her2Coded);
  if (her2Result !== undefined) record.her2Coded = her2Result;
  const her2Source = [
    ratioValue === undefined ? undefined : ratio,
    amplified === undefined ? undefined : ish,
    score === undefined ? undefined : ihc,
    her2Result === undefined ? undefined : her2Coded,
  ].find((o) => o !== undefined);
  if (her2Source !== undefined) prov.her2 = provenanceOf(her2Source, describeValue(her2Source));

  const ki67 = newest(obs, INPUT_CODES.ki67Percent);
  const ki67Value = ki67 === undefined ? undefined : percentOf(ki67);
  if (ki67 !== undefined && ki67Value !== undefined) {
    record.ki67Percent = ki67Value;
    prov.ki67 = provenanceOf(ki67, describeValue(ki67));
  }
  return deriveClinicalInputs(record, prov);
}

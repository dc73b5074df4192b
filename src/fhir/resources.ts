/**
 * The few parts of FHIR R4 resources the product reads, taken from untrusted JSON: every field is checked
 * for its type here, and anything else in a resource is ignored. A field of the wrong type reads as absent,
 * never as an exception: a patient's odd record must not take the service down.
 */

/** A Coding: system and code are what matching uses (never the display text). */
export interface Coding {
  readonly system?: string | undefined;
  readonly code?: string | undefined;
}

/** An Observation's value, in whichever value[x] it came. */
export interface ObservationValue {
  readonly quantity?:
    | { readonly value: number; readonly unit?: string | undefined; readonly code?: string | undefined }
    | undefined;
  readonly codings: readonly Coding[];
  readonly text?: string | undefined;
  readonly integer?: number | undefined;
}

/** The parts of an Observation the clinical mapper reads. */
export interface ObservationFacts {
  readonly id: string;
  readonly status: string;
  readonly codes: readonly Coding[];
  readonly value: ObservationValue;
  readonly interpretation: readonly Coding[];
  /** effectiveDateTime, else effectivePeriod.end/start, else effectiveInstant, else issued (ISO 8601). */
  readonly date?: string | undefined;
  readonly lastUpdated?: string | undefined;
}

type Json = Readonly<Record<string, unknown>>;

/** A FHIR resource id (R4: 1-64 of A-Z, a-z, 0-9, '-' and '.'): all a path segment may hold. */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(o: Json, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

export function num(o: Json, key: string): number | undefined {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function objects(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

export function codingsOf(concept: unknown): Coding[] {
  if (!isObject(concept)) return [];
  return objects(concept.coding).map((c) => ({ system: str(c, 'system'), code: str(c, 'code') }));
}

/** True when any coding has this system and one of these codes. */
export function hasCode(codings: readonly Coding[], system: string, codes: readonly string[]): boolean {
  return codings.some((c) => c.system === system && c.code !== undefined && codes.includes(c.code));
}

/** The Observation facts of a resource, or undefined when it is not an Observation with an id and a status. */
export function readObservation(resource: unknown): ObservationFacts | undefined {
  if (!isObject(resource) || resource.resourceType !== 'Observation') return undefined;
  const id = str(resource, 'id');
  const status = str(resource, 'status');
  if (id === undefined || status === undefined) return undefined;
  const q = isObject(resource.valueQuantity) ? resource.valueQuantity : undefined;
  const qValue = q === undefined ? undefined : num(q, 'value');
  const value: ObservationValue = {
    quantity:
      q === undefined || qValue === undefined
        ? undefined
        : { value: qValue, unit: str(q, 'unit'), code: str(q, 'code') },
    codings: codingsOf(resource.valueCodeableConcept),
    text: str(resource, 'valueString'),
    integer: num(resource, 'valueInteger'),
  };
  const period = isObject(resource.effectivePeriod) ? resource.effectivePeriod : {};
  const date =
    str(resource, 'effectiveDateTime') ??
    str(period, 'end') ??
    str(period, 'start') ??
    str(resource, 'effectiveInstant') ??
    str(resource, 'issued');
  const meta = isObject(resource.meta) ? resource.meta : {};
  return {
    id,
    status,
    codes: codingsOf(resource.code),
    value,
    interpretation: objects(resource.interpretation).flatMap(codingsOf),
    date,
    lastUpdated: str(meta, 'lastUpdated'),
  };
}

/**
 * A patient's data for one risk estimate, from CDS Hooks prefetch or from the FHIR server: the Patient, the
 * receptor Observations (by code), the breast-cancer Condition, the ImagingStudies with their Endpoints; then
 * the clinical inputs and the chest CT study to analyse (DESIGN section 4).
 */
import * as C from '../clinical/codes.ts';
import type { ClinicalInputs } from '../clinical/inputs.ts';
import { readClinicalInputs } from './clinical-record.ts';
import { INPUT_CODES } from './clinical-record.ts';
import type { FhirSource } from './fhir-source.ts';
import { chooseChestCtStudy } from './imaging-study.ts';
import type { ChosenCtStudy, NoCtStudy } from './imaging-study.ts';
import { FHIR_ID, isObject, objects, str } from './resources.ts';

/** Every LOINC code the clinical inputs are read from, as one token search value. */
export const OBSERVATION_CODES = [...new Set(Object.values(INPUT_CODES).flat())]
  .map((c) => `${C.LOINC}|${c}`)
  .join(',');

/** The service's prefetch templates (CDS Hooks 2.0 prefetch tokens). */
export const PREFETCH_TEMPLATES = {
  patient: 'Patient/{{context.patientId}}',
  observations: `Observation?patient={{context.patientId}}&code=${OBSERVATION_CODES}`,
  conditions: `Condition?patient={{context.patientId}}&code=${C.SNOMED}|${C.BREAST_CANCER}`,
  imagingStudies: 'ImagingStudy?patient={{context.patientId}}&_include=ImagingStudy:endpoint',
} as const;

/** The resources one estimate reads. */
export interface PatientData {
  readonly patient: unknown;
  readonly observations: readonly unknown[];
  readonly conditions: readonly unknown[];
  /** ImagingStudy resources and, beside them, the Endpoints they reference. */
  readonly imaging: readonly unknown[];
}

/** The resources of a search-set Bundle (prefetch values are Bundles, or null when the client could not fill them). */
function bundleResources(bundle: unknown): unknown[] | undefined {
  if (!isObject(bundle) || bundle.resourceType !== 'Bundle') return undefined;
  return objects(bundle.entry)
    .map((e) => e.resource)
    .filter(isObject);
}

/**
 * The patient's data from a CDS Hooks prefetch object, or undefined when any template is missing or was
 * not filled (then the FHIR server is asked).
 */
export function patientDataFromPrefetch(prefetch: unknown, patientId: string): PatientData | undefined {
  if (!isObject(prefetch)) return undefined;
  const patient = prefetch.patient;
  if (!isObject(patient) || patient.resourceType !== 'Patient' || str(patient, 'id') !== patientId)
    return undefined;
  const observations = bundleResources(prefetch.observations);
  const conditions = bundleResources(prefetch.conditions);
  const imaging = bundleResources(prefetch.imagingStudies);
  if (observations === undefined || conditions === undefined || imaging === undefined) return undefined;
  return { patient, observations, conditions, imaging };
}

/** `Endpoint/<id>` references of ImagingStudies (study and series level), at most `max`. */
function endpointIds(resources: readonly unknown[], max: number): string[] {
  const ids = new Set<string>();
  for (const study of resources.filter(isObject).filter((r) => r.resourceType === 'ImagingStudy')) {
    const refs = [...objects(study.endpoint), ...objects(study.series).flatMap((s) => objects(s.endpoint))];
    for (const r of refs) {
      const id = /(?:^|\/)Endpoint\/([^/]+)$/.exec(str(r, 'reference') ?? '')?.[1];
      if (id !== undefined && FHIR_ID.test(id)) ids.add(id);
    }
  }
  return [...ids].slice(0, max);
}

/**
 * The patient's data read from the FHIR server: the four searches in parallel, then any Endpoint the studies
 * reference that the server did not include (`_include` is optional for servers), read one by one.
 */
export async function fetchPatientData(
  source: FhirSource,
  patientId: string,
  signal?: AbortSignal,
): Promise<PatientData> {
  const ref = `Patient/${patientId}`;
  const [patient, observations, conditions, imaging] = await Promise.all([
    source.read('Patient', patientId, signal),
    source.search('Observation', { patient: ref, code: OBSERVATION_CODES }, signal),
    source.search('Condition', { patient: ref, code: `${C.SNOMED}|${C.BREAST_CANCER}` }, signal),
    source.search('ImagingStudy', { patient: ref, _include: 'ImagingStudy:endpoint' }, signal),
  ]);
  const present = new Set(
    imaging.filter(isObject).map((r) => `${str(r, 'resourceType') ?? ''}/${str(r, 'id') ?? ''}`),
  );
  const missing = endpointIds(imaging, 5).filter((id) => !present.has(`Endpoint/${id}`));
  const endpoints = await Promise.all(missing.map((id) => source.read('Endpoint', id, signal)));
  return { patient, observations, conditions, imaging: [...imaging, ...endpoints.filter(isObject)] };
}

/** The earliest onset of a breast-cancer Condition (not entered in error), as an ISO date. */
export function diagnosisDate(conditions: readonly unknown[]): string | undefined {
  const dates = conditions
    .filter(isObject)
    .filter((c) => c.resourceType === 'Condition')
    .filter(
      (c) =>
        !objects(isObject(c.verificationStatus) ? c.verificationStatus.coding : []).some(
          (k) => str(k, 'code') === 'entered-in-error',
        ),
    )
    .map(
      (c) =>
        str(c, 'onsetDateTime') ??
        (isObject(c.onsetPeriod) ? str(c.onsetPeriod, 'start') : undefined) ??
        str(c, 'recordedDate'),
    )
    .filter((d): d is string => d !== undefined && Number.isFinite(Date.parse(d)))
    .sort();
  return dates[0];
}

/** What an estimate starts from: the inputs with provenance and the CT study (or why there is none). */
export interface PatientInputs {
  readonly inputs: ClinicalInputs;
  readonly ct: ChosenCtStudy | NoCtStudy;
  readonly diagnosisDate: string | undefined;
}

/** The clinical inputs (age at the CT date, else at `today`) and the chest CT study of the patient's data. */
export function patientInputs(data: PatientData, today: string): PatientInputs {
  const byRef = new Map<string, unknown>();
  for (const r of data.imaging.filter(isObject)) {
    const type = str(r, 'resourceType');
    const id = str(r, 'id');
    if (type !== undefined && id !== undefined) byRef.set(`${type}/${id}`, r);
  }
  const resolve = (reference: string): unknown =>
    byRef.get(reference.replace(/^.*\/([A-Za-z]+\/[^/]+)$/, '$1'));
  const diagnosis = diagnosisDate(data.conditions);
  const ct = chooseChestCtStudy(
    data.imaging.filter((r) => isObject(r) && r.resourceType === 'ImagingStudy'),
    resolve,
    diagnosis,
  );
  const asOf = 'refs' in ct && ct.started !== undefined ? ct.started : today;
  return {
    inputs: readClinicalInputs({ patient: data.patient, observations: data.observations, asOf }),
    ct,
    diagnosisDate: diagnosis,
  };
}

/**
 * FHIR R4 transaction bundle of one synthetic patient: Patient, Condition (breast cancer with onset), receptor
 * Observations (ER, PR, HER-2, Ki-67) in the varied value forms real systems send, the chest CT ImagingStudy and
 * its DICOMweb Endpoint. Deterministic: fullUrls are urn:uuid values derived from the patient id and the
 * resource's role, and the value form of each receptor is chosen from the patient's phantom seed.
 */
import { createHash } from 'node:crypto';
import type { CohortPatient } from './cohort.ts';
import * as C from '../clinical/codes.ts';

/** A FHIR resource as plain JSON. */
export interface FhirResource {
  readonly resourceType: string;
  readonly [key: string]: unknown;
}

export interface BundleEntry {
  readonly fullUrl: string;
  readonly resource: FhirResource;
  readonly request: { readonly method: 'POST'; readonly url: string; readonly ifNoneExist?: string };
}

export interface TransactionBundle {
  readonly resourceType: 'Bundle';
  readonly type: 'transaction';
  readonly entry: readonly BundleEntry[];
}

/** The DICOM side of the patient, as written by the CT and SEG writers. */
export interface BundleImaging {
  readonly studyInstanceUid: string;
  readonly ctSeriesInstanceUid: string;
  readonly ctInstances: number;
  /** The T6 marrow segmentation series, listed as a second series (modality SEG) when given. */
  readonly segSeriesInstanceUid?: string;
  /** DICOMweb (WADO-RS) base URL of the Endpoint. */
  readonly wadoRsBase: string;
}

/** Identifier system of the synthetic patients. */
const SYNTH_PATIENT_SYSTEM = 'urn:bonemet:synthetic-patient';

/** A name-based UUID (RFC 9562 version 8 layout) from SHA-256 of `name`: the same name, the same UUID. */
export function deterministicUuid(name: string): string {
  const b = Uint8Array.from(createHash('sha256').update(name).digest().subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const coding = (system: string, code: string, display?: string): Record<string, string> =>
  display === undefined ? { system, code } : { system, code, display };
const concept = (system: string, code: string, display?: string): { coding: Record<string, string>[] } => ({
  coding: [coding(system, code, display)],
});
const percent = (value: number): Record<string, unknown> => ({ value, unit: '%', system: C.UCUM, code: '%' });
const snomedResult = (positive: boolean): { coding: Record<string, string>[] } =>
  positive
    ? concept(C.SNOMED, C.SNOMED_POSITIVE, 'Positive')
    : concept(C.SNOMED, C.SNOMED_NEGATIVE, 'Negative');
const loincAnswer = (positive: boolean): { coding: Record<string, string>[] } =>
  positive ? concept(C.LOINC, C.LA_POSITIVE, 'Positive') : concept(C.LOINC, C.LA_NEGATIVE, 'Negative');

/** The value parts of one receptor Observation (code plus one value[x]). */
type ObservationValue = { readonly loinc: string } & Record<string, unknown>;

function erValues(p: CohortPatient, form: number): ObservationValue[] {
  const positive = p.erPercent >= 1;
  // ER-low results (1-9 %) always carry the percentage, the only form that keeps them exact.
  if (positive && p.erPercent < 10) return [{ loinc: C.OBS.erPercent, valueQuantity: percent(p.erPercent) }];
  if (form === 0) return [{ loinc: C.OBS.erPresence, valueCodeableConcept: snomedResult(positive) }];
  if (form === 1) return [{ loinc: C.OBS.erInterpretation, valueCodeableConcept: loincAnswer(positive) }];
  return [{ loinc: C.OBS.erPercent, valueQuantity: percent(p.erPercent) }];
}

function prValues(p: CohortPatient, form: number): ObservationValue[] {
  // The study splits PR at 20 %: the percentage is always given; some patients also get a coded result.
  const out: ObservationValue[] = [{ loinc: C.OBS.prPercent, valueQuantity: percent(p.prPercent) }];
  const positive = p.prPercent >= 1;
  if (form === 0) out.push({ loinc: C.OBS.prPresence, valueCodeableConcept: snomedResult(positive) });
  if (form === 1) out.push({ loinc: C.OBS.prInterpretation, valueCodeableConcept: loincAnswer(positive) });
  return out;
}

function her2Values(p: CohortPatient, form: number): ObservationValue[] {
  const score = p.her2Ihc === 0 ? '0' : `${p.her2Ihc}+`;
  const out: ObservationValue[] = [{ loinc: C.OBS.her2Ihc, valueString: score }];
  const ratio = p.her2IshRatio;
  if (ratio !== null) {
    const amplified = ratio >= 2;
    const text = form === 1 && ratio > 2.2 ? 'greater than 2.2' : amplified ? 'amplified' : 'not amplified';
    out.push({ loinc: C.OBS.her2Ish, valueString: text });
    out.push({
      loinc: C.OBS.her2Ratio,
      valueQuantity: { value: ratio, unit: 'ratio', system: C.UCUM, code: '{ratio}' },
    });
  }
  if (form === 2) {
    const positive = p.her2Ihc === 3 || (ratio !== null && ratio >= 2);
    out.push({ loinc: C.OBS.her2Interpretation, valueCodeableConcept: snomedResult(positive) });
  }
  return out;
}

function ki67Values(p: CohortPatient, form: number): ObservationValue[] {
  return [{ loinc: form === 1 ? C.OBS.ki67Alt : C.OBS.ki67, valueQuantity: percent(p.ki67Percent) }];
}

/**
 * The transaction bundle of `patient` with its imaging. Entries, in order: Patient, Condition, the receptor
 * Observations (ER, PR, HER-2, Ki-67), Endpoint, ImagingStudy; every reference is the urn:uuid fullUrl of its
 * target, and the Patient is created only if no patient has its identifier (ifNoneExist).
 */
export function makeFhirBundle(patient: CohortPatient, imaging: BundleImaging): TransactionBundle {
  const url = (role: string): string => `urn:uuid:${deterministicUuid(`${patient.id}/${role}`)}`;
  const patientUrl = url('Patient');
  const subject = { reference: patientUrl };
  const entries: BundleEntry[] = [];
  const add = (role: string, resource: FhirResource, ifNoneExist?: string): string => {
    const fullUrl = url(role);
    const request =
      ifNoneExist === undefined
        ? { method: 'POST' as const, url: resource.resourceType }
        : { method: 'POST' as const, url: resource.resourceType, ifNoneExist };
    entries.push({ fullUrl, resource, request });
    return fullUrl;
  };
  const n = Number(patient.id.replace(/\D/g, ''));
  add(
    'Patient',
    {
      resourceType: 'Patient',
      identifier: [{ system: SYNTH_PATIENT_SYSTEM, value: patient.id }],
      name: [{ family: 'Synthetic', given: [`Patient ${n}`] }],
      gender: 'female',
      birthDate: patient.birthDate,
    },
    `identifier=${SYNTH_PATIENT_SYSTEM}|${patient.id}`,
  );
  add('Condition', {
    resourceType: 'Condition',
    clinicalStatus: concept(C.CONDITION_CLINICAL, 'active'),
    verificationStatus: concept(C.CONDITION_VERIFICATION, 'confirmed'),
    code: concept(C.SNOMED, C.BREAST_CANCER, 'Malignant neoplasm of breast'),
    subject,
    onsetDateTime: patient.diagnosisDate,
  });
  const s = patient.phantomSeed;
  const groups: [string, ObservationValue[]][] = [
    ['ER', erValues(patient, s % 3)],
    ['PR', prValues(patient, (s >>> 2) % 3)],
    ['HER2', her2Values(patient, (s >>> 4) % 3)],
    ['Ki67', ki67Values(patient, (s >>> 6) % 2)],
  ];
  for (const [name, values] of groups) {
    values.forEach(({ loinc, ...value }, k) => {
      add(`Observation/${name}/${k}`, {
        resourceType: 'Observation',
        status: 'final',
        category: [concept(C.OBSERVATION_CATEGORY, 'laboratory')],
        code: concept(C.LOINC, loinc),
        subject,
        effectiveDateTime: patient.diagnosisDate,
        ...value,
      });
    });
  }
  const endpointUrl = add('Endpoint', {
    resourceType: 'Endpoint',
    status: 'active',
    connectionType: coding(C.ENDPOINT_CONNECTION_TYPE, 'dicom-wado-rs'),
    payloadType: [{ text: 'DICOM' }],
    payloadMimeType: ['application/dicom'],
    address: imaging.wadoRsBase,
  });
  const series: Record<string, unknown>[] = [
    {
      uid: imaging.ctSeriesInstanceUid,
      number: 1,
      modality: coding(C.DCM, 'CT'),
      description: 'Chest CT, non-contrast, 5 mm',
      numberOfInstances: imaging.ctInstances,
      bodySite: coding(C.SNOMED, C.CHEST, 'Thoracic structure'),
      endpoint: [{ reference: endpointUrl }],
    },
  ];
  if (imaging.segSeriesInstanceUid !== undefined) {
    series.push({
      uid: imaging.segSeriesInstanceUid,
      number: 2,
      modality: coding(C.DCM, 'SEG'),
      description: 'T6 vertebral marrow',
      numberOfInstances: 1,
      endpoint: [{ reference: endpointUrl }],
    });
  }
  add('ImagingStudy', {
    resourceType: 'ImagingStudy',
    status: 'available',
    identifier: [{ system: C.DICOM_UID_SYSTEM, value: `urn:oid:${imaging.studyInstanceUid}` }],
    subject,
    started: patient.ctDate,
    endpoint: [{ reference: endpointUrl }],
    numberOfSeries: series.length,
    numberOfInstances: imaging.ctInstances + (imaging.segSeriesInstanceUid === undefined ? 0 : 1),
    series,
  });
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

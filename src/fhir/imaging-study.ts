/**
 * FHIR R4 ImagingStudy -> the CT study to analyse (DESIGN section 4): a study of the patient with a CT series
 * (series.modality DCM `CT`) whose body site, when coded, is the chest; the one started nearest to the
 * diagnosis, preferring one before it. Its StudyInstanceUID comes from `identifier` (`urn:dicom:uid`,
 * `urn:oid:<uid>`), the CT series is the one with the most instances, a single SEG series is named as the
 * study's segmentation, and the DICOMweb base from the Endpoint (connectionType `dicom-wado-rs`) of the series
 * or the study, whose address may be a WADO-RS base or a study URL. Pure: references are resolved by the caller.
 */
import type { StudyRefs } from '../analysis/imaging-source.ts';
import * as C from '../clinical/codes.ts';
import { hasCode, isObject, num, objects, str } from './resources.ts';
import type { Coding } from './resources.ts';

type Json = Readonly<Record<string, unknown>>;

/** The CT study chosen, where to read it, and what it was chosen from. */
export interface ChosenCtStudy {
  readonly refs: StudyRefs;
  /** DICOMweb base URL from the study's Endpoint; undefined when it names none (use the configured default). */
  readonly dicomWebBase: string | undefined;
  /** `ImagingStudy/<id>` (or its fullUrl) for provenance. */
  readonly reference: string;
  readonly started: string | undefined;
}

/** Why no study was chosen, as a finding the card can show. */
export interface NoCtStudy {
  readonly reason: string;
}

const UNUSABLE = new Set(['entered-in-error', 'cancelled']);
const DICOM_UID_PREFIX = 'urn:oid:';

function coding(v: unknown): Coding[] {
  return isObject(v) ? [{ system: str(v, 'system'), code: str(v, 'code') }] : [];
}

function studyUid(study: Json): string | undefined {
  const id = objects(study.identifier).find((i) => str(i, 'system') === C.DICOM_UID_SYSTEM);
  const value = id === undefined ? undefined : str(id, 'value');
  if (value === undefined) return undefined;
  const uid = value.startsWith(DICOM_UID_PREFIX) ? value.slice(DICOM_UID_PREFIX.length) : value;
  return /^[0-9.]{1,64}$/.test(uid) ? uid : undefined;
}

const isModality = (series: Json, code: string): boolean => hasCode(coding(series.modality), C.DCM, [code]);

/** A chest series: body site not coded, or coded as the thoracic structure. */
function isChest(series: Json): boolean {
  const site = coding(series.bodySite);
  return site.every((c) => c.code === undefined) || hasCode(site, C.SNOMED, [C.CHEST]);
}

/** A WADO-RS base from an Endpoint address: a study URL (`.../studies/<uid>...`) is cut back to its base. */
export function wadoRsBase(address: string): string {
  return address.replace(/\/studies\/.*$/, '').replace(/\/+$/, '');
}

function endpointAddress(refs: unknown, resolve: (reference: string) => unknown): string | undefined {
  for (const r of objects(refs)) {
    const reference = str(r, 'reference');
    const endpoint = reference === undefined ? undefined : resolve(reference);
    if (!isObject(endpoint) || endpoint.resourceType !== 'Endpoint') continue;
    if (!hasCode(coding(endpoint.connectionType), C.ENDPOINT_CONNECTION_TYPE, ['dicom-wado-rs'])) continue;
    if (str(endpoint, 'status') !== undefined && str(endpoint, 'status') !== 'active') continue;
    const address = str(endpoint, 'address');
    if (address !== undefined) return wadoRsBase(address);
  }
  return undefined;
}

/**
 * Chooses the chest CT study among `studies` (ImagingStudy resources, any order), nearest to `diagnosisDate`
 * and preferably before it (without a diagnosis date: the newest). `resolve` turns an Endpoint reference into
 * the resource. Returns why none qualifies instead of throwing.
 */
export function chooseChestCtStudy(
  studies: readonly unknown[],
  resolve: (reference: string) => unknown,
  diagnosisDate?: string,
): ChosenCtStudy | NoCtStudy {
  const candidates = studies.filter(isObject).flatMap((study) => {
    if (study.resourceType !== 'ImagingStudy' || UNUSABLE.has(str(study, 'status') ?? '')) return [];
    const uid = studyUid(study);
    const ct = objects(study.series)
      .filter((s) => isModality(s, 'CT') && isChest(s) && str(s, 'uid') !== undefined)
      .sort((a, b) => (num(b, 'numberOfInstances') ?? 0) - (num(a, 'numberOfInstances') ?? 0))[0];
    if (uid === undefined || ct === undefined) return [];
    const segs = objects(study.series).filter((s) => isModality(s, 'SEG') && str(s, 'uid') !== undefined);
    return [{ study, uid, ct, seg: segs.length === 1 ? segs[0] : undefined, started: str(study, 'started') }];
  });
  if (candidates.length === 0) {
    return { reason: 'no ImagingStudy of this patient has a chest CT series with a DICOM study UID' };
  }
  const target = diagnosisDate === undefined ? Number.POSITIVE_INFINITY : Date.parse(diagnosisDate);
  const rank = (started: string | undefined): [number, number] => {
    const t = started === undefined ? Number.NaN : Date.parse(started);
    if (!Number.isFinite(t)) return [2, 0];
    if (!Number.isFinite(target)) return [0, -t];
    return t <= target ? [0, target - t] : [1, t - target];
  };
  candidates.sort((a, b) => {
    const [ga, da] = rank(a.started);
    const [gb, db] = rank(b.started);
    return ga - gb || da - db;
  });
  const best = candidates[0];
  const ctUid = str(best.ct, 'uid') ?? '';
  const segUid = best.seg === undefined ? undefined : str(best.seg, 'uid');
  const id = str(best.study, 'id');
  return {
    refs: {
      studyInstanceUid: best.uid,
      ctSeriesInstanceUid: ctUid,
      ...(segUid === undefined ? {} : { segSeriesInstanceUid: segUid }),
    },
    dicomWebBase: endpointAddress(best.ct.endpoint, resolve) ?? endpointAddress(best.study.endpoint, resolve),
    reference: id === undefined ? 'ImagingStudy' : `ImagingStudy/${id}`,
    started: best.started,
  };
}

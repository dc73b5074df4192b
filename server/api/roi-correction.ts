/**
 * `POST /api/roi/<analysis id>`: a clinician confirms the automatic ROI's level, or names the vertebra that is T6,
 * in the SMART app. The app's bearer token proves itself by reading the patient from the (allow-listed) FHIR
 * server; the EHR's token introspection must show it live, for this patient, with a scope that creates
 * Provenance (the correction is a write to the record). Then the ROI is built at the chosen level, stored as a
 * DICOM SEG in the CT's study (STOW-RS to the allow-listed DICOMweb server; the reviewer and time in its content
 * fields), a Provenance records who changed what where the FHIR server accepts it, the kept result is dropped on
 * every replica, and the analysis runs again: SEG precedence makes it, and every later one, use the reviewed ROI.
 * Nothing is stored unless every check passed. Answers the new risk view.
 */
import { createHash } from 'node:crypto';
import {
  createDicomWebSource,
  createFhirResource,
  dicomWebImagingSource,
  errorCategory,
  FHIR_ID,
  introspectToken,
  isBoneMetError,
  patientInputs,
  reviewRoi,
  writeReviewSegmentation,
  ROI_CORRECTION_SCOPE,
  scopeAllowsCreate,
} from '../../src/index.ts';
import type { ReviewDecision, RiskView, RoiReview, TokenIntrospection } from '../../src/index.ts';
import {
  analysisJobOf,
  dicomWebBaseOf,
  readPatientFromServer,
  Refusal,
} from '../analysis/patient-analysis.ts';
import type { AnalysisDeps } from '../analysis/patient-analysis.ts';
import { getRiskView } from './risk.ts';

/** What the correction needs besides the analysis deps. */
export interface CorrectionDeps extends AnalysisDeps {
  readonly waitMs: number;
  readonly now?: () => Date;
  /** Told of each stored correction (no patient data: hashed ids only). */
  readonly onStored?: (what: { readonly seg: string; readonly action: RoiReview['action'] }) => void;
}

const LEVEL = /^(C[1-7]|T([1-9]|1[0-2])|L[1-5])$/;

function decisionOf(body: unknown): { patient: string; fhirServer: string; decision: ReviewDecision } {
  if (typeof body !== 'object' || body === null)
    throw new Refusal(400, 'the request body must be a JSON object');
  const b = body as Record<string, unknown>;
  const patient = typeof b.patient === 'string' ? b.patient : '';
  const fhirServer = typeof b.fhirServer === 'string' ? b.fhirServer : '';
  if (!FHIR_ID.test(patient)) throw new Refusal(400, 'patient must be a FHIR id');
  if (b.action === 'confirm') return { patient, fhirServer, decision: { action: 'confirm' } };
  if (b.action !== 'set-level') throw new Refusal(400, "action must be 'confirm' or 'set-level'");
  if (typeof b.zMm !== 'number' || !Number.isFinite(b.zMm))
    throw new Refusal(400, 'zMm must be the z position (mm) of the chosen vertebral body');
  if (typeof b.level !== 'string' || !LEVEL.test(b.level))
    throw new Refusal(400, 'level must be a vertebra such as T6');
  return { patient, fhirServer, decision: { action: 'set-level', zMm: b.zMm, level: b.level } };
}

/** The reviewer's name as the authorization server gives it (never logged). */
function reviewerOf(t: TokenIntrospection): string {
  return t.fhirUser ?? t.username ?? t.sub ?? 'unnamed user';
}

/** Checks the token may correct this patient's ROI; throws the Refusal the app shows otherwise. */
async function checkWriteScope(fhirServer: string, patient: string, token: string, deps: CorrectionDeps) {
  let t: TokenIntrospection | undefined;
  try {
    t = await introspectToken({ fhirBaseUrl: fhirServer, allowedOrigins: deps.config.fhirAllowList }, token);
  } catch (e) {
    if (errorCategory(e) === 'internal') throw e;
    throw new Refusal(
      403,
      "the EHR's authorization server could not be asked what this sign-in may do; try again later",
    );
  }
  if (t === undefined) {
    throw new Refusal(
      403,
      "the EHR's authorization server offers no token introspection, so the service cannot see a write permission; corrections are not available with this EHR",
    );
  }
  const nowS = (deps.now?.() ?? new Date()).getTime() / 1000;
  if (!t.active || (t.exp !== undefined && t.exp <= nowS))
    throw new Refusal(
      401,
      'your sign-in has expired: open the app again from the chart, then correct the ROI',
    );
  if (!scopeAllowsCreate(t.scope, 'Provenance')) {
    throw new Refusal(
      403,
      `your sign-in does not allow changes to the record (it lacks ${ROI_CORRECTION_SCOPE}); ask for write access or have the ROI corrected by someone who has it`,
    );
  }
  if (t.patient !== undefined && t.patient !== patient)
    throw new Refusal(403, "this sign-in is for another patient's record");
  return t;
}

/** The Provenance of a correction: the imaging study changed, by whom, when, and the SEG it added. */
function provenanceOf(
  imagingStudy: string,
  review: RoiReview,
  seg: string,
  t: TokenIntrospection,
): { resourceType: 'Provenance' } & Record<string, unknown> {
  const what =
    review.action === 'confirmed'
      ? `Vertebral marrow ROI at ${review.level} confirmed`
      : `Vertebral marrow ROI corrected: the vertebra counted as ${review.fromLevel ?? '?'} is ${review.level}`;
  return {
    resourceType: 'Provenance',
    target: [{ reference: imagingStudy }],
    recorded: review.time,
    activity: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation',
          code: 'UPDATE',
          display: 'revise',
        },
      ],
      text: what,
    },
    agent: [
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
              code: 'author',
            },
          ],
        },
        who:
          t.fhirUser !== undefined && /^[A-Za-z]+\/[A-Za-z0-9.-]+$/.test(t.fhirUser)
            ? { reference: t.fhirUser }
            : { display: reviewerOf(t) },
      },
    ],
    entity: [
      {
        role: 'derivation',
        what: {
          identifier: { system: 'urn:dicom:uid', value: `urn:oid:${seg}` },
          display: 'DICOM SEG series of the reviewed marrow ROI',
        },
      },
    ],
  };
}

/** Stores the correction and answers the new view; see the module comment. */
export async function correctRoi(
  analysisId: string,
  body: unknown,
  authorization: string | undefined,
  deps: CorrectionDeps,
): Promise<{ status: 200 | 202; body: RiskView & { provenance?: string } }> {
  if (!/^[0-9a-f]{32}$/.test(analysisId)) throw new Refusal(404, 'no such analysis');
  const { patient, fhirServer, decision } = decisionOf(body);
  const token = /^Bearer\s+(\S+)$/.exec(authorization ?? '')?.[1];
  if (token === undefined) throw new Refusal(401, 'a SMART bearer token is required');
  let data;
  try {
    data = await readPatientFromServer(fhirServer, patient, token, deps, 401);
  } catch (e) {
    if (e instanceof Refusal && e.status === 401)
      throw new Refusal(
        401,
        'your sign-in was not accepted or has expired: open the app again from the chart, then correct the ROI',
      );
    throw e;
  }
  const introspection = await checkWriteScope(fhirServer, patient, token, deps);
  const now = deps.now?.() ?? new Date();
  const { ct } = patientInputs(data, now.toISOString().slice(0, 10));
  if (!('refs' in ct)) throw new Refusal(409, 'this patient has no chest CT to correct the ROI on');
  const result = await deps.runner.byId(analysisId);
  // The analysis must be of this patient's CT: a token for one patient never corrects another's study.
  if (result === undefined || result.studyInstanceUid !== ct.refs.studyInstanceUid)
    throw new Refusal(404, 'no such analysis of this patient (it may have been replaced: reload the app)');
  if (result.spineReview === undefined)
    throw new Refusal(
      409,
      'this ROI cannot be reviewed here: it is a segmentation drawn outside the app, or no spine was found',
    );
  const ctSeries = result.ctSeriesInstanceUid;
  const base = dicomWebBaseOf(ct, deps.config);
  if (base === undefined || ctSeries === undefined)
    throw new Refusal(409, 'the CT study names no DICOMweb server to store the ROI on');
  const dicomweb = createDicomWebSource({ baseUrl: base, allowedOrigins: deps.config.dicomWebAllowList });
  const imaging = deps.imagingSource?.(base) ?? dicomWebImagingSource(dicomweb);
  const ctRef = { studyInstanceUid: ct.refs.studyInstanceUid, seriesInstanceUid: ctSeries };
  let reviewed: { review: RoiReview; seg: { seriesInstanceUid: string }; bytes: Uint8Array };
  try {
    const loaded = await imaging.loadCt(ctRef);
    const first = loaded.sopInstanceUids?.[0];
    if (first === undefined) throw new Refusal(409, 'the CT series has no instance to take the patient from');
    const ctInstance = await dicomweb.retrieveInstance(ctRef, first);
    const made = reviewRoi(decision, loaded);
    const review: RoiReview = {
      ...made.review,
      reviewer: reviewerOf(introspection),
      time: `${now.toISOString().slice(0, 19)}Z`,
    };
    const written = writeReviewSegmentation(
      made.roi.mask,
      review,
      {
        ...ctRef,
        ...(loaded.sopInstanceUids === undefined ? {} : { sopInstanceUids: loaded.sopInstanceUids }),
      },
      ctInstance,
    );
    reviewed = { review, ...written };
  } catch (e) {
    if (e instanceof Refusal) throw e;
    if (isBoneMetError(e) && e.code === 'roi-qc-failed') throw new Refusal(422, e.message);
    if (errorCategory(e) === 'upstream-failure')
      throw new Refusal(
        502,
        'the CT could not be read from the imaging server; nothing was stored; try again',
      );
    throw e;
  }
  if (dicomweb.store === undefined) throw new Refusal(502, 'the imaging server cannot store DICOM');
  try {
    await dicomweb.store(ctRef.studyInstanceUid, [reviewed.bytes]);
  } catch (e) {
    if (errorCategory(e) === 'internal') throw e;
    throw new Refusal(
      502,
      'the imaging server did not store the reviewed ROI; nothing was changed; try again',
    );
  }
  deps.onStored?.({
    seg: createHash('sha256').update(reviewed.seg.seriesInstanceUid).digest('hex').slice(0, 12),
    action: reviewed.review.action,
  });
  let provenance: string;
  try {
    const id = await createFhirResource(
      { fhirBaseUrl: fhirServer, allowedOrigins: deps.config.fhirAllowList },
      token,
      provenanceOf(ct.reference, reviewed.review, reviewed.seg.seriesInstanceUid, introspection),
    );
    provenance = id === undefined ? 'recorded' : `Provenance/${id}`;
  } catch (e) {
    if (errorCategory(e) === 'internal') throw e;
    provenance = 'not recorded: the FHIR server did not accept it';
  }
  await deps.runner.forget(analysisJobOf(ct, base, deps).key);
  const view = await getRiskView({ patient, fhirServer }, authorization, deps);
  return { status: view.status, body: { ...view.body, provenance } };
}

/**
 * The demo stack's patients: seven synthetic breast-cancer patients of a seeded cohort the demo model was not
 * trained on, each in a scenario a clinician meets: a radiologist's T6 ROI stored as a DICOM SEG, the automatic
 * ROI, a patient whose receptor results are missing, one with no chest CT, and one whose automatic ROI is one level
 * off (a lumbar rib on L1 and a scan starting at T3: the count from the last rib names L1 T12), for the level review
 * in the app. Their CTs are rendered once and kept as
 * DICOM files in a cache folder with a manifest; each patient's expected risk category is computed from her
 * phantom by the library directly (not through FHIR, DICOMweb or the service), so the stack's answers can be
 * checked against it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyseStudy,
  findMarrowRoi,
  makeCohort,
  makeFhirBundle,
  PACKAGE_VERSION,
  patientInputs,
  renderSynthPatient,
  scoreClinicalInputs,
} from '../../src/index.ts';
import type {
  ChestPhantomOptions,
  CohortPatient,
  ModelArtifact,
  PatientData,
  RadiomicsParams,
  TransactionBundle,
} from '../../src/index.ts';

/** What the EHR page and the checks expect for a patient. */
export type DemoScenario =
  'radiologist-roi' | 'automatic-roi' | 'no-receptor-results' | 'no-ct' | 'automatic-roi-one-level-off';

/** The phantom of a scenario: a lumbar rib and the top of the thoracic spine out of the scan for the level review. */
const PHANTOM_OF: Partial<Record<DemoScenario, ChestPhantomOptions>> = {
  'automatic-roi-one-level-off': { lumbarRib: true, firstLevel: 'T3' },
};

export interface DemoPatient {
  /** The cohort id, e.g. SYN-0012 (the FHIR id is given by the server when seeded). */
  readonly key: string;
  readonly name: string;
  readonly scenario: DemoScenario;
  /** The model's category from the phantom, or what the card must say instead. */
  readonly expectedCategory: string;
  readonly studyInstanceUid: string;
  readonly ctSeriesInstanceUid: string;
  readonly segSeriesInstanceUid: string;
  readonly ctInstances: number;
  /** Files (relative to the cohort folder) to store in the DICOMweb server: the CT, and the SEG when it is used. */
  readonly dicomFiles: readonly string[];
}

export interface DemoCohort {
  readonly dir: string;
  readonly seed: number;
  readonly model: string;
  readonly patients: readonly DemoPatient[];
}

/** The cohort seed of the demo patients (the demo model's training cohort has another). */
export const DEMO_SEED = 7;
const MANIFEST = 'manifest.json';

function displayName(p: CohortPatient): string {
  return `Synthetic Patient ${Number(p.id.replace(/\D/g, ''))}`;
}

/** The seven patients and their scenarios, chosen by their marrow signal (a high and a low risk among them). */
function roster(cohort: readonly CohortPatient[]): [CohortPatient, DemoScenario][] {
  const byFactor = [...cohort].sort((a, b) => b.marrowFactor - a.marrowFactor);
  const events = byFactor.filter((p) => p.event);
  const quiet = [...byFactor].reverse().filter((p) => !p.event);
  const middle = byFactor[Math.floor(byFactor.length / 2)];
  const picked: [CohortPatient, DemoScenario][] = [
    [events[0], 'radiologist-roi'],
    [quiet[0], 'automatic-roi'],
    [events[1], 'automatic-roi'],
    [quiet[1], 'radiologist-roi'],
    [middle, 'no-receptor-results'],
    [quiet[2], 'no-ct'],
    [events[2], 'automatic-roi-one-level-off'],
  ];
  return picked;
}

/** The FHIR bundle of a demo patient for a DICOMweb base: her scenario's resources only. */
export function demoBundle(p: DemoPatient, cohort: DemoCohort, wadoRsBase: string): TransactionBundle {
  const patient = makeCohort(cohort.seed).find((c) => c.id === p.key);
  if (patient === undefined) throw new Error(`demo patient ${p.key} is not in cohort ${cohort.seed}`);
  const bundle = makeFhirBundle(patient, {
    studyInstanceUid: p.studyInstanceUid,
    ctSeriesInstanceUid: p.ctSeriesInstanceUid,
    ctInstances: p.ctInstances,
    ...(p.scenario === 'radiologist-roi' ? { segSeriesInstanceUid: p.segSeriesInstanceUid } : {}),
    wadoRsBase,
  });
  const drop = (type: string): boolean =>
    (p.scenario === 'no-receptor-results' && type === 'Observation') ||
    (p.scenario === 'no-ct' && (type === 'ImagingStudy' || type === 'Endpoint'));
  return { ...bundle, entry: bundle.entry.filter((e) => !drop(e.resource.resourceType)) };
}

/**
 * The resources of a bundle as the service's patient data (to compute the expected answer): the Patient gets an
 * id and every urn:uuid reference the resource it names, as the FHIR server does on a transaction.
 */
function patientDataOf(bundle: TransactionBundle): PatientData {
  const ids = new Map(bundle.entry.map((e, i) => [e.fullUrl, `${e.resource.resourceType}/demo-${i}`]));
  const resolved = JSON.parse(
    JSON.stringify(bundle.entry.map((e, i) => ({ ...e.resource, id: `demo-${i}` }))),
    (_k, v: unknown) => (typeof v === 'string' && ids.has(v) ? ids.get(v) : v),
  ) as { resourceType: string }[];
  const of = (type: string): unknown[] => resolved.filter((r) => r.resourceType === type);
  return {
    patient: of('Patient')[0],
    observations: of('Observation'),
    conditions: of('Condition'),
    imaging: [...of('ImagingStudy'), ...of('Endpoint')],
  };
}

/**
 * The demo cohort in `dir`: read from its manifest when it was made for this version and model, else rendered
 * (about 2 s a patient) and written, then the manifest last, so an interrupted run starts again cleanly.
 */
export async function prepareDemoCohort(options: {
  readonly dir: string;
  readonly model: ModelArtifact;
  readonly params: RadiomicsParams;
  readonly log: (line: string) => void;
}): Promise<DemoCohort> {
  const { dir, model, params, log } = options;
  const modelId = `${model.id}@${model.version}`;
  const manifestPath = join(dir, MANIFEST);
  const cohort = makeCohort(DEMO_SEED);
  const picked = roster(cohort);
  if (existsSync(manifestPath)) {
    const kept = JSON.parse(readFileSync(manifestPath, 'utf8')) as DemoCohort & { version?: string };
    // A cache of another version, model, seed or roster (a scenario added) is rendered again.
    const sameRoster =
      kept.patients.map((p) => `${p.key}:${p.scenario}`).join() ===
      picked.map(([p, scenario]) => `${p.id}:${scenario}`).join();
    if (kept.version === PACKAGE_VERSION && kept.model === modelId && kept.seed === DEMO_SEED && sameRoster)
      return { ...kept, dir };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const patients: DemoPatient[] = [];
  const today = new Date().toISOString().slice(0, 10);
  for (const [p, scenario] of picked) {
    const started = Date.now();
    const study = await renderSynthPatient(p, DEMO_SEED, PHANTOM_OF[scenario] ?? {});
    const folder = join(dir, p.id);
    mkdirSync(folder, { recursive: true });
    const ctFiles = study.slices.map((bytes, k) => {
      const name = join(p.id, `ct-${String(k + 1).padStart(4, '0')}.dcm`);
      writeFileSync(join(dir, name), bytes);
      return name;
    });
    const segFile = join(p.id, 'seg.dcm');
    writeFileSync(join(dir, segFile), study.seg);
    const demo: DemoPatient = {
      key: p.id,
      name: displayName(p),
      scenario,
      expectedCategory: '',
      studyInstanceUid: study.studyUid,
      ctSeriesInstanceUid: study.seriesUid,
      segSeriesInstanceUid: study.segSeriesUid,
      ctInstances: study.slices.length,
      dicomFiles:
        scenario === 'no-ct' ? [] : scenario === 'radiologist-roi' ? [...ctFiles, segFile] : ctFiles,
    };
    const inputs = patientInputs(
      patientDataOf(demoBundle(demo, { dir, seed: DEMO_SEED, model: modelId, patients }, 'http://x')),
      today,
    );
    let expected: string;
    if (scenario === 'no-ct') expected = 'no-ct';
    else if (scenario === 'no-receptor-results') expected = 'missing-inputs';
    else {
      const automatic = scenario !== 'radiologist-roi';
      const roi = automatic ? findMarrowRoi(study.phantom.image) : undefined;
      if (roi !== undefined && roi.status !== 'found')
        throw new Error(`the automatic ROI refuses demo patient ${p.id}'s phantom: pick another`);
      if (scenario === 'automatic-roi-one-level-off') {
        // The automatic "T6" must be the true T7, so that the level review has something to correct.
        const t6 = roi?.levels.find((l) => l.label === 'T6')?.zRangeMm;
        const t7 = study.phantom.truth.levels.find((l) => l.label === 'T7')?.zRangeMm;
        if (t6 === undefined || t7 === undefined || Math.abs(t6[0] + t6[1] - t7[0] - t7[1]) > 8)
          throw new Error(`demo patient ${p.id}'s automatic ROI is not one level off: pick another`);
      }
      const result = await analyseStudy(
        {
          chooseCtSeries: async (s) => ({ studyInstanceUid: s, seriesInstanceUid: study.seriesUid }),
          loadCt: async () => ({ volume: study.phantom.image, acquisition: null, warnings: [] }),
          findSegmentations: async (s) =>
            automatic ? [] : [{ studyInstanceUid: s, seriesInstanceUid: study.segSeriesUid }],
          loadSegmentation: async () => study.phantom.marrow,
        },
        { studyInstanceUid: study.studyUid },
        { params, model },
      );
      if (result.status !== 'complete' || result.radScore === undefined)
        throw new Error(`demo patient ${p.id}'s phantom gives no Rad-score`);
      expected = scoreClinicalInputs(model, result.radScore, inputs.inputs).category;
    }
    patients.push({ ...demo, expectedCategory: expected });
    log(
      `demo cohort: ${patients.length}/${picked.length} ${p.id} (${scenario}, ${expected}) in ${Date.now() - started} ms`,
    );
  }
  const cohortOut: DemoCohort = { dir, seed: DEMO_SEED, model: modelId, patients };
  const tmp = `${manifestPath}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...cohortOut, version: PACKAGE_VERSION }, null, 2));
  renameSync(tmp, manifestPath);
  return cohortOut;
}

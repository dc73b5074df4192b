/**
 * `bonemet demo-model`: the shipped demonstration model, trained end to end in memory on the synthetic cohort:
 * cohort -> a chest CT phantom per patient (its marrow factor from the cohort) -> automatic T6 marrow ROI ->
 * the study's 1197 features -> the training pipeline of `bonemet train` (the cohort's split, synthetic: true).
 * Writes the artifact to `<out>.json`, the model card to `<out>.md`, and under `<out>/` the tables, figures,
 * report and the features.csv / clinical.csv it trained on (read back through the same reader as `train`, so
 * the files are exactly the training data). Patients whose ROI fails QC are listed and left out.
 *
 * The clinical variables are those of `bonemet synth`'s clinical.csv without `subtype`: the subtype is the
 * surrogate of the receptor rows, and in the cohort's training split ER positive is exactly the HR-positive
 * subtypes, so a design with both is singular (R would alias a subtype coefficient as NA).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Command } from 'commander';
import { SettingsError, isBoneMetError } from '../errors.ts';
import type { ModelArtifact } from '../model/artifact.ts';
import { clinicalOnlyModel } from '../model/clinical-only.ts';
import { trainStudyModel } from '../model/training.ts';
import { extractFeatures } from '../radiomics/extractor.ts';
import { parseParams } from '../radiomics/params.ts';
import { findMarrowRoi } from '../roi/marrow-roi.ts';
import { makeChestPhantom } from '../synth/chest-phantom.ts';
import type { ChestPhantomOptions } from '../synth/chest-phantom.ts';
import { makeCohort } from '../synth/cohort.ts';
import type { CohortPatient } from '../synth/cohort.ts';
import { formatCsv } from './csv-write.ts';
import { demoModelCard, STUDY_TEST_AUC } from './demo-model-card.ts';
import { CLINICAL_HEADER, clinicalRow, integerOption } from './synth.ts';
import { createdTimestamp, table2Text, writeTrainingOutputs } from './train.ts';
import { readTrainingData } from './training-input.ts';

/** Options of `bonemet demo-model` as commander parses them. */
export interface DemoModelCliOptions {
  readonly out: string;
  readonly seed: string;
  readonly size: string;
  /** About N patients of the cohort ({@link pickPatients}; quick runs and tests); default all 106. */
  readonly patients?: string;
  readonly created?: string;
}

/** What `runDemoModel` trained and wrote. */
export interface DemoModelSummary {
  readonly artifact: ModelArtifact;
  readonly artifactPath: string;
  readonly cardPath: string;
  readonly excluded: readonly { readonly id: string; readonly reasons: readonly string[] }[];
  readonly clinicalOnlyTestAuc: number | null;
}

const COHORT_SIZE = 106;
const PARAMS_REF = 'params/study-1197.yaml';
const PARAMS_FILE = fileURLToPath(new URL(`../../${PARAMS_REF}`, import.meta.url));
/** Creation date written when neither --created nor SOURCE_DATE_EPOCH is given, so a rerun gives the same bytes. */
const DEMO_CREATED = '2026-01-01T00:00:00.000Z';
const INTENDED_USE =
  'Demonstration only, synthetic data, not for clinical use. Shows how the service would estimate the 5-year risk of bone metastasis of a woman with breast cancer from the marrow radiomics of the 6th thoracic vertebra on a non-contrast chest CT and her receptor status.';

/** Phantom geometry per --size: full = the study's CT (512x512, 0.7 mm, 5 mm slices); small = 192x192 at 1.9 mm. */
const DEMO_SIZES: Readonly<Record<string, { options: ChestPhantomOptions; text: string }>> = {
  full: { options: {}, text: '512x512 pixels of 0.7 mm, 5 mm slices, C7..L2' },
  small: {
    options: { size: [192, 192], pixelMm: 1.9 },
    text: '192x192 pixels of 1.9 mm, 5 mm slices, C7..L2 (quick runs)',
  },
};

/**
 * The first `n` patients of the cohort, stratified: from each split x outcome group its share of `n` (at least
 * 2, so that a quick run still has cases and controls in both sets), in cohort order. All 106 when n = 106.
 */
export function pickPatients(cohort: readonly CohortPatient[], n: number): CohortPatient[] {
  if (n >= cohort.length) return [...cohort];
  const group = (p: CohortPatient): string => `${p.split}/${p.event}`;
  const sizes = new Map<string, number>();
  for (const p of cohort) sizes.set(group(p), (sizes.get(group(p)) ?? 0) + 1);
  const quota = new Map(
    [...sizes].map(([g, m]) => [g, Math.min(m, Math.max(2, Math.round((n * m) / cohort.length)))]),
  );
  return cohort.filter((p) => {
    const left = quota.get(group(p)) ?? 0;
    quota.set(group(p), left - 1);
    return left > 0;
  });
}

/** Features of one patient (no diagnostics), or why there are none. */
function patientFeatures(
  p: CohortPatient,
  size: ChestPhantomOptions,
  params: ReturnType<typeof parseParams>,
): { values: Map<string, number> } | { reasons: string[] } {
  const phantom = makeChestPhantom({ ...size, seed: p.phantomSeed, marrowFactor: p.marrowFactor });
  const roi = findMarrowRoi(phantom.image, { level: 'T6' });
  if (roi.mask === undefined) return { reasons: ['ROI QC failed', ...roi.qc.reasons] };
  try {
    const values = new Map<string, number>();
    for (const [k, v] of extractFeatures(phantom.image, roi.mask, params)) {
      if (!k.startsWith('diagnostics_') && typeof v === 'number') values.set(k, v);
    }
    return { values };
  } catch (e) {
    if (!isBoneMetError(e)) throw e;
    return { reasons: [`features of ${roi.level ?? 'the ROI'} failed: ${e.message}`] };
  }
}

/** Runs `bonemet demo-model` (see the module comment); progress on `log`, Table 2 on `print`. */
export async function runDemoModel(
  opts: DemoModelCliOptions,
  log: (line: string) => void = (line) => process.stderr.write(`bonemet demo-model: ${line}\n`),
  print: (text: string) => void = (text) => process.stdout.write(text),
): Promise<DemoModelSummary> {
  const seed = integerOption(opts.seed, 'seed', 0, 2 ** 31 - 1);
  const n = integerOption(opts.patients ?? String(COHORT_SIZE), 'patients', 1, COHORT_SIZE);
  const size = DEMO_SIZES[opts.size];
  if (size === undefined)
    throw new SettingsError('invalid-setting', `--size must be small or full, got '${opts.size}'`);
  const created = createdTimestamp(
    opts.created ?? (process.env.SOURCE_DATE_EPOCH === undefined ? DEMO_CREATED : undefined),
  );
  const params = parseParams(await readFile(PARAMS_FILE, 'utf8'), PARAMS_REF);
  const cohort = pickPatients(makeCohort(seed), n);
  const started = Date.now();
  const kept: { patient: CohortPatient; values: Map<string, number> }[] = [];
  const excluded: { id: string; reasons: string[] }[] = [];
  for (const [i, p] of cohort.entries()) {
    const t0 = Date.now();
    const r = patientFeatures(p, size.options, params);
    if ('values' in r) kept.push({ patient: p, values: r.values });
    else excluded.push({ id: p.id, reasons: r.reasons });
    const what = 'values' in r ? `${r.values.size} features` : `left out: ${r.reasons.join('; ')}`;
    log(`${i + 1}/${cohort.length} ${p.id} (${p.split}) ${what} in ${Date.now() - t0} ms`);
  }
  log(
    `${kept.length} of ${cohort.length} patients kept, ${excluded.length} left out${excluded.length > 0 ? ` (${excluded.map((e) => e.id).join(', ')})` : ''}; features in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const names = kept.length > 0 ? [...kept[0].values.keys()] : [];
  await mkdir(opts.out, { recursive: true });
  const featuresPath = join(opts.out, 'features.csv');
  const clinicalPath = join(opts.out, 'clinical.csv');
  await writeFile(
    featuresPath,
    formatCsv(
      ['id', ...names],
      kept.map((k) => [k.patient.id, ...names.map((f) => k.values.get(f) ?? null)]),
    ),
  );
  const useColumn = CLINICAL_HEADER.map((h) => h !== 'subtype');
  await writeFile(
    clinicalPath,
    formatCsv(
      CLINICAL_HEADER.filter((_, j) => useColumn[j]),
      kept.map((k) => clinicalRow(k.patient).filter((_, j) => useColumn[j])),
    ),
  );
  if (excluded.length > 0) {
    await writeFile(
      join(opts.out, 'excluded.csv'),
      formatCsv(
        ['id', 'reasons'],
        excluded.map((e) => [e.id, e.reasons.join('; ')]),
      ),
    );
  }
  const data = await readTrainingData(featuresPath, clinicalPath, 'id', 'bone_met', 'split', seed);
  const trained = trainStudyModel({
    features: data.features,
    clinical: data.clinical,
    y: data.y,
    isTest: data.isTest,
    outcomeName: 'bone_met',
    seed,
    meta: {
      id: 'bonemet-risk-demo',
      version: '1.0.0',
      created,
      synthetic: true,
      description: `synthetic cohort (makeCohort seed ${seed}, ${kept.length} of ${cohort.length} patients), chest CT phantoms size ${opts.size}, automatic T6 marrow ROI`,
      sites: ['synthetic'],
      radiomicsParams: PARAMS_REF,
    },
    onProgress: log,
  });
  const result = { ...trained, artifact: { ...trained.artifact, intendedUse: INTENDED_USE } };
  const clinicalOnly = clinicalOnlyModel(data.clinical, data.y, data.isTest);
  const artifactPath = `${opts.out}.json`;
  const cardPath = `${opts.out}.md`;
  await writeTrainingOutputs(opts.out, result, artifactPath);
  const card = demoModelCard({
    artifact: result.artifact,
    clinicalOnly,
    seed,
    size: opts.size,
    phantom: size.text,
    patients: cohort.length,
    excluded,
    clinicalVariables: data.clinical.map((v) => v.name),
  });
  await writeFile(cardPath, card);
  print(table2Text(result.artifact));
  const a = result.artifact.metrics;
  const f3 = (v: number | undefined): string => (v === undefined ? 'NA' : v.toFixed(3));
  log(
    `test AUC: Rad-score ${f3(a.radScore.test?.auc)} (study ${STUDY_TEST_AUC.radScore}), nomogram ${f3(a.nomogram.test?.auc)} (study ${STUDY_TEST_AUC.nomogram}), clinical only ${f3(clinicalOnly.test?.auc)} (study ${STUDY_TEST_AUC.clinical})`,
  );
  log(
    `wrote ${artifactPath}, ${cardPath} and ${opts.out}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return {
    artifact: result.artifact,
    artifactPath,
    cardPath,
    excluded,
    clinicalOnlyTestAuc: clinicalOnly.test?.auc ?? null,
  };
}

/** Registers `bonemet demo-model` (the shipped demonstration model, trained on the synthetic cohort). */
export function registerDemoModel(program: Command): void {
  program
    .command('demo-model')
    .description(
      'train the demonstration model on the synthetic cohort (phantom CTs, automatic T6 ROI, 1197 features, the train pipeline); writes <out>.json (artifact), <out>.md (model card) and <out>/ (tables, figures, report, features.csv, clinical.csv)',
    )
    .requiredOption(
      '--out <dir>',
      'output path without extension: <out>.json, <out>.md and the folder <out>/',
    )
    .option('--seed <s>', 'cohort and training seed (integer)', '1')
    .option('--size <size>', 'phantom size: full (512x512, 0.7 mm) or small (192x192, 1.9 mm)', 'full')
    .option(
      '--patients <n>',
      `about N patients of the cohort, stratified by split and outcome (1..${COHORT_SIZE}; quick runs)`,
    )
    .option('--created <iso>', `artifact creation date (default SOURCE_DATE_EPOCH, else ${DEMO_CREATED})`)
    .action(async (opts: DemoModelCliOptions) => {
      await runDemoModel(opts);
    });
}

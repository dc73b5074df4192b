/**
 * `bonemet synth`: the synthetic study cohort on disk. Per patient a folder `<id>/` with the chest CT as a DICOM
 * series (`ct/0001.dcm`...), the T6 marrow as a DICOM SEG (`seg.dcm`) and the FHIR R4 transaction bundle
 * (`bundle.json`); at the top `clinical.csv` (Table 1 variables, outcome, split) and `truth.csv` (the hidden
 * truth: receptor values, latent marrow factor, UIDs, T6 extent). The same seed gives the same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { makeCohort, tableRow } from '../synth/cohort.ts';
import { CLINICAL_VARIABLES } from '../clinical/inputs.ts';
import type { ClinicalVariable } from '../clinical/inputs.ts';
import type { CohortPatient } from '../synth/cohort.ts';
import { makeChestPhantom } from '../synth/chest-phantom.ts';
import type { ChestPhantom, ChestPhantomOptions } from '../synth/chest-phantom.ts';
import { makeFhirBundle } from '../synth/fhir-bundle.ts';
import { writeCtSeries } from '../dicom/ct-writer.ts';
import { writeSegmentation } from '../dicom/seg-writer.ts';
import { readPart10 } from '../dicom/part10.ts';
import { requireString } from '../dicom/dataset-values.ts';
import { deterministicUid } from '../dicom/uid.ts';
import { formatCsv } from './csv-write.ts';
import { SettingsError } from '../errors.ts';

/** Options of `bonemet synth` as commander parses them. */
export interface SynthCliOptions {
  readonly patients: string;
  readonly seed: string;
  readonly out: string;
  /** 128x128 at 2.8 mm, T2..T10 only: quick runs and tests. */
  readonly small?: boolean;
  readonly wadoRs?: string;
}

/** What `runSynth` wrote. */
export interface SynthSummary {
  readonly patients: number;
  readonly files: number;
}

const DEFAULT_WADO_RS = 'http://localhost:8042/dicom-web';
const SMALL: ChestPhantomOptions = { size: [128, 128], pixelMm: 2.8, firstLevel: 'T2', lastLevel: 'T10' };
const COHORT_SIZE = 106;

/** Parses an integer option in lo..hi, or throws a SettingsError naming `--name`. */
export function integerOption(text: string, name: string, lo: number, hi: number): number {
  const v = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(v) || v < lo || v > hi) {
    throw new SettingsError('invalid-setting', `--${name} must be an integer in ${lo}..${hi}, got '${text}'`);
  }
  return v;
}

/** Header of clinical.csv (the columns of {@link clinicalRow}): the clinical inputs by their typed names. */
export const CLINICAL_HEADER = [
  'id',
  'bone_met',
  'split',
  ...(Object.keys(CLINICAL_VARIABLES) as ClinicalVariable[]),
];

/** The clinical.csv row: Table 1 variables as the study recorded them (PR and Ki-67 at its cuts). */
export function clinicalRow(p: CohortPatient): (string | number)[] {
  const t = tableRow(p);
  return [
    p.id,
    p.event ? 1 : 0,
    p.split,
    p.ageYears,
    t.er ? 'positive' : 'negative',
    t.prHigh ? 'ge20' : 'lt20',
    t.her2 ? 'positive' : 'negative',
    t.ki67High ? 'ge14' : 'lt14',
    p.subtype,
  ];
}

const TRUTH_HEADER = [
  'id',
  'split',
  'bone_met',
  'marrow_factor',
  'phantom_seed',
  'birth_date',
  'diagnosis_date',
  'ct_date',
  'er_percent',
  'pr_percent',
  'her2_ihc',
  'her2_ish_ratio',
  'ki67_percent',
  'study_uid',
  'ct_series_uid',
  'seg_series_uid',
  'ct_slices',
  'marrow_voxels',
  't6_z_min_mm',
  't6_z_max_mm',
];

/** One synthetic patient rendered: her chest phantom, its CT as DICOM Part 10 files, her T6 marrow as a SEG. */
export interface SynthPatientStudy {
  readonly phantom: ChestPhantom;
  readonly slices: readonly Uint8Array[];
  readonly seg: Uint8Array;
  readonly studyUid: string;
  readonly seriesUid: string;
  readonly segSeriesUid: string;
}

/** Renders cohort patient `p` of cohort `seed` (the same bytes for the same seed and patient). */
export async function renderSynthPatient(
  p: CohortPatient,
  seed: number,
  phantomOptions: ChestPhantomOptions = {},
): Promise<SynthPatientStudy> {
  const phantom = makeChestPhantom({ ...phantomOptions, seed: p.phantomSeed, marrowFactor: p.marrowFactor });
  const uidSeed = `synth/${seed}/${p.id}`;
  const studyUid = deterministicUid(uidSeed, 'study');
  const seriesUid = deterministicUid(uidSeed, 'ct-series');
  const forUid = deterministicUid(uidSeed, 'frame-of-reference');
  const segSeriesUid = deterministicUid(uidSeed, 'seg-series');
  const patientName = `Synthetic^Patient ${p.id}`;
  const slices = await writeCtSeries(phantom.image, {
    seed: uidSeed,
    studyInstanceUid: studyUid,
    seriesInstanceUid: seriesUid,
    frameOfReferenceUid: forUid,
    patientId: p.id,
    patientName,
    studyDate: p.ctDate.replace(/-/g, ''),
    seriesDescription: 'Chest CT non-contrast (synthetic)',
  });
  const sopUids = slices.map((bytes, k) =>
    requireString(readPart10(bytes, `slice ${k + 1}`).dataset, 'SOPInstanceUID', `slice ${k + 1}`),
  );
  const seg = writeSegmentation(
    phantom.marrow,
    {
      studyInstanceUid: studyUid,
      seriesInstanceUid: seriesUid,
      frameOfReferenceUid: forUid,
      sopInstanceUids: sopUids,
      patientId: p.id,
      patientName,
    },
    [{ label: 1, name: 'T6 marrow', algorithmType: 'MANUAL' }],
    {
      seed: uidSeed,
      seriesInstanceUid: segSeriesUid,
      seriesDescription: 'T6 vertebral marrow (ground truth)',
    },
  );
  return { phantom, slices, seg, studyUid, seriesUid, segSeriesUid };
}

/**
 * Runs `bonemet synth`: the first `--patients` patients of the seeded cohort (at most 106), each rendered,
 * written and described; progress on stderr, one line per patient.
 */
export async function runSynth(
  opts: SynthCliOptions,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<SynthSummary> {
  const n = integerOption(opts.patients, 'patients', 1, COHORT_SIZE);
  const seed = integerOption(opts.seed, 'seed', 0, 2 ** 31 - 1);
  const wadoRsBase = opts.wadoRs ?? DEFAULT_WADO_RS;
  const cohort = makeCohort(seed).slice(0, n);
  await mkdir(opts.out, { recursive: true });
  const truthRows: (string | number | null)[][] = [];
  let files = 0;
  for (const [i, p] of cohort.entries()) {
    const started = Date.now();
    const r = await renderSynthPatient(p, seed, opts.small === true ? SMALL : {});
    const { phantom, slices, studyUid, seriesUid, segSeriesUid } = r;
    const dir = join(opts.out, p.id);
    await mkdir(join(dir, 'ct'), { recursive: true });
    for (const [k, bytes] of slices.entries())
      await writeFile(join(dir, 'ct', `${String(k + 1).padStart(4, '0')}.dcm`), bytes);
    await writeFile(join(dir, 'seg.dcm'), r.seg);
    const bundle = makeFhirBundle(p, {
      studyInstanceUid: studyUid,
      ctSeriesInstanceUid: seriesUid,
      ctInstances: slices.length,
      segSeriesInstanceUid: segSeriesUid,
      wadoRsBase,
    });
    await writeFile(join(dir, 'bundle.json'), `${JSON.stringify(bundle, null, 2)}\n`);
    files += slices.length + 2;
    let marrowVoxels = 0;
    for (const v of phantom.marrow.data) marrowVoxels += v;
    const t6 = phantom.truth.levels.find((l) => l.label === 'T6');
    truthRows.push([
      p.id,
      p.split,
      p.event ? 1 : 0,
      p.marrowFactor,
      p.phantomSeed,
      p.birthDate,
      p.diagnosisDate,
      p.ctDate,
      p.erPercent,
      p.prPercent,
      p.her2Ihc,
      p.her2IshRatio,
      p.ki67Percent,
      studyUid,
      seriesUid,
      segSeriesUid,
      slices.length,
      marrowVoxels,
      t6 === undefined ? null : t6.zRangeMm[0],
      t6 === undefined ? null : t6.zRangeMm[1],
    ]);
    log(`synth: ${i + 1}/${n} ${p.id} (${slices.length} slices) in ${Date.now() - started} ms`);
  }
  await writeFile(join(opts.out, 'clinical.csv'), formatCsv(CLINICAL_HEADER, cohort.map(clinicalRow)));
  await writeFile(join(opts.out, 'truth.csv'), formatCsv(TRUTH_HEADER, truthRows));
  files += 2;
  log(`synth: ${n} patients, ${files} files written to ${opts.out}`);
  return { patients: n, files };
}

/** Registers `bonemet synth` (synthetic cohort: DICOM CT + SEG, FHIR bundles, clinical.csv, truth.csv). */
export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description(
      'synthetic study cohort: DICOM CT and T6 marrow SEG per patient, FHIR bundles, clinical.csv, truth.csv',
    )
    .requiredOption(
      '--patients <n>',
      `number of patients (1..${COHORT_SIZE}, the first of the seeded cohort)`,
    )
    .requiredOption('--seed <s>', 'cohort seed (integer); the same seed gives the same bytes')
    .requiredOption('--out <dir>', 'output folder (created if needed)')
    .option('--small', 'small CTs (128x128 at 2.8 mm, T2..T10) for quick runs')
    .option('--wado-rs <url>', `DICOMweb base URL written to the FHIR Endpoint (default ${DEFAULT_WADO_RS})`)
    .action(async (opts: SynthCliOptions) => {
      await runSynth(opts);
    });
}

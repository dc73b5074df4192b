import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { StatsInputError } from '../errors.ts';
import type { ArtifactMetrics, ModelArtifact } from '../model/artifact.ts';
import type { Table1Row } from '../model/clinical-table.ts';
import { FIGURE_FILES, reportHtml, trainingFigures } from '../model/figures/report.ts';
import { trainStudyModel } from '../model/training.ts';
import type { TrainingResult } from '../model/training.ts';
import { formatCsv } from './csv-write.ts';
import { readTrainingData } from './training-input.ts';

interface TrainCliOptions {
  readonly features: string;
  readonly clinical: string;
  readonly id: string;
  readonly label: string;
  readonly split?: string;
  readonly seed: string;
  readonly out: string;
  readonly created?: string;
  readonly modelId: string;
  readonly modelVersion: string;
  readonly synthetic?: boolean;
  readonly site: string;
  readonly params: string;
}

const r3 = (v: number | null): string => (v === null || !Number.isFinite(v) ? 'NA' : v.toFixed(3));

/** Table 2 (DESIGN §9): one row per classifier and set, as a CSV. */
function table2Csv(artifact: ModelArtifact): string {
  const { header, rows } = table2Rows(artifact);
  return formatCsv(header, rows);
}

/** Table 2 as aligned text columns, the way the study prints it (what `train` shows on stdout). */
export function table2Text(artifact: ModelArtifact): string {
  const { header, rows } = table2Rows(artifact);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]?.length ?? 0)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, k) => c.padEnd(widths[k] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** Table 2 as a header and rows of text cells (one row per classifier and set, then the nomogram). */
export function table2Rows(artifact: ModelArtifact): { header: string[]; rows: string[][] } {
  const header = ['Model', 'Set', 'ACC', 'AUC', '95% CI', 'SEN', 'SPE', 'PPV', 'NPV'];
  const row = (model: string, set: string, m: ArtifactMetrics): string[] => [
    model,
    set,
    r3(m.accuracy),
    r3(m.auc),
    `${r3(m.aucCi[0])}-${r3(m.aucCi[1])}`,
    r3(m.sensitivity),
    r3(m.specificity),
    r3(m.ppv),
    r3(m.npv),
  ];
  const rows = artifact.metrics.classifiers.flatMap((c) => [
    row(c.model, 'train', c.train),
    ...(c.test ? [row(c.model, 'test', c.test)] : []),
  ]);
  const n = artifact.metrics.nomogram;
  rows.push(row('nomogram', 'train', n.train), ...(n.test ? [row('nomogram', 'test', n.test)] : []));
  return { header, rows };
}

/** Table 1: characteristics by split with p-values. */
function table1Csv(rows: readonly Table1Row[]): string {
  return formatCsv(
    ['Variable', 'Level', 'Train', 'Test', 'P', 'Test used'],
    rows.map((r) => [r.variable, r.level, r.train, r.test, r.p === null ? '' : r.p.toPrecision(3), r.method]),
  );
}

/** `created`: the option, else SOURCE_DATE_EPOCH (seconds), else now; as an ISO 8601 string. */
export function createdTimestamp(option: string | undefined): string {
  if (option !== undefined) {
    const d = new Date(option);
    if (Number.isNaN(d.getTime())) {
      throw new StatsInputError('invalid-value', `--created must be an ISO 8601 date, got '${option}'`);
    }
    return d.toISOString();
  }
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}

/**
 * Writes model.json (or the artifact to `artifactPath`), table1.csv, table2.csv, the SVG figures and report.html
 * of a training run to `out` (created).
 */
export async function writeTrainingOutputs(
  out: string,
  result: TrainingResult,
  artifactPath: string = join(out, 'model.json'),
): Promise<void> {
  await mkdir(out, { recursive: true });
  await writeFile(artifactPath, `${JSON.stringify(result.artifact, null, 2)}\n`);
  await writeFile(join(out, 'table1.csv'), table1Csv(result.table1));
  await writeFile(join(out, 'table2.csv'), table2Csv(result.artifact));
  const figures = trainingFigures(result.artifact, result);
  for (const name of FIGURE_FILES) await writeFile(join(out, name), figures[name]);
  await writeFile(join(out, 'report.html'), reportHtml(result.artifact, result.table1, figures));
}

/** Registers `bonemet train` (the study's pipeline: model.json, table1.csv, table2.csv). */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(
      'train the study pipeline: preprocessing, Pearson 0.9, mRMR 20, seven classifiers, Rad-score, nomogram; writes model.json, table1.csv, table2.csv, SVG figures and report.html',
    )
    .requiredOption('--features <csv>', 'features CSV: id column + one numeric column per radiomic feature')
    .requiredOption('--clinical <csv>', 'clinical CSV: id, label, optional split, clinical variables')
    .requiredOption('--id <col>', 'patient id column (in both files)')
    .requiredOption('--label <col>', 'outcome column (0/1) of the clinical file')
    .option('--split <col>', 'clinical column saying train or test; default: a seeded stratified 80/20 split')
    .requiredOption('--seed <n>', 'integer seed of every random step')
    .requiredOption('--out <dir>', 'output directory (created if absent)')
    .option('--created <iso>', 'artifact creation date (default SOURCE_DATE_EPOCH, else now)')
    .option('--model-id <id>', 'artifact id', 'bonemet-risk')
    .option('--model-version <v>', 'artifact version', '1.0.0')
    .option('--synthetic', 'the training data are synthetic (the artifact and its cards say so)')
    .option('--site <name>', 'training site', 'unspecified')
    .option('--params <ref>', 'radiomics parameter file the features came from', 'params/study-1197.yaml')
    .action(async (opts: TrainCliOptions) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed) || seed < 0 || seed > 0x7fffffff) {
        throw new StatsInputError(
          'invalid-value',
          `--seed must be an integer in 0..2147483647, got '${opts.seed}'`,
        );
      }
      const created = createdTimestamp(opts.created);
      const progress = (m: string): void => {
        process.stderr.write(`bonemet train: ${m}\n`);
      };
      progress(`reading ${opts.features} and ${opts.clinical}`);
      const data = await readTrainingData(
        opts.features,
        opts.clinical,
        opts.id,
        opts.label,
        opts.split,
        seed,
      );
      const result = trainStudyModel({
        features: data.features,
        clinical: data.clinical,
        y: data.y,
        isTest: data.isTest,
        outcomeName: opts.label,
        seed,
        meta: {
          id: opts.modelId,
          version: opts.modelVersion,
          created,
          synthetic: opts.synthetic === true,
          description: `${data.ids.length} patients from ${opts.features} and ${opts.clinical}`,
          sites: [opts.site],
          radiomicsParams: opts.params,
        },
        onProgress: progress,
      });
      await writeTrainingOutputs(opts.out, result);
      process.stdout.write(table2Text(result.artifact));
      progress(
        `wrote model.json, table1.csv, table2.csv, ${FIGURE_FILES.length} figures and report.html to ${opts.out}`,
      );
    });
}

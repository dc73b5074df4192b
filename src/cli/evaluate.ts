import type { Command } from 'commander';
import { StatsInputError } from '../errors.ts';
import { aucDeLong } from '../stats/roc.ts';
import { aucBootstrapCi } from '../stats/roc-bootstrap.ts';
import { createRng } from '../stats/random.ts';
import { thresholdMetrics, youdenThreshold } from '../stats/roc-thresholds.ts';
import { brierScore, hosmerLemeshow } from '../stats/calibration.ts';
import { assertUniqueIds, readCsvFile } from './csv.ts';
import { readCovariate, readOutcome, warn, warnFewEvents } from './labelled-data.ts';

interface EvaluateCliOptions {
  readonly input: string;
  readonly score: string;
  readonly label: string;
  readonly threshold: string;
  readonly id?: string;
  readonly json?: boolean;
  readonly ci: string;
  readonly seed: string;
}

/** How the AUC's 95 % CI is computed: DeLong (default), or a seeded stratified bootstrap of 2000 replicates. */
export type AucCiMethod =
  { readonly method: 'delong' } | { readonly method: 'bootstrap'; readonly seed: number };

/** Parses `--ci` and `--seed`. */
function parseCiMethod(ci: string, seed: string): AucCiMethod {
  if (ci === 'delong') return { method: 'delong' };
  if (ci !== 'bootstrap')
    throw new StatsInputError('invalid-value', `--ci must be 'delong' or 'bootstrap', got '${ci}'`);
  const n = Number(seed);
  if (!Number.isInteger(n))
    throw new StatsInputError('invalid-value', `--seed must be an integer, got '${seed}'`);
  return { method: 'bootstrap', seed: n };
}

/** The `evaluate --json` document (DESIGN §15). NaN metrics (no positive or no negative call) print as null. */
export interface EvaluateJson {
  readonly auc: number;
  readonly aucCi: readonly [number, number];
  readonly threshold: number;
  readonly accuracy: number;
  readonly sensitivity: number;
  readonly specificity: number;
  readonly ppv: number;
  readonly npv: number;
  /** null when the scores are not probabilities in [0, 1]. */
  readonly hosmerLemeshow: { readonly statistic: number; readonly df: number; readonly p: number } | null;
  readonly brier: number | null;
}

/** Parses `--threshold`: `youden`, or a finite number. */
export function parseThreshold(value: string): 'youden' | number {
  if (value === 'youden') return value;
  const t = Number(value);
  if (value.trim() === '' || !Number.isFinite(t)) {
    throw new StatsInputError('invalid-value', `--threshold must be 'youden' or a number, got '${value}'`);
  }
  return t;
}

/**
 * Evaluates scores against 0/1 outcomes: AUC with DeLong 95 % CI (pROC), the threshold (Youden-optimal, the
 * lowest tied one, or the given one; a subject is positive when score >= threshold), the confusion metrics
 * there, and, for probabilities, Hosmer-Lemeshow (g = 10) and the Brier score.
 */
export function evaluateScores(
  y: Float64Array,
  score: Float64Array,
  threshold: 'youden' | number,
  ciMethod: AucCiMethod = { method: 'delong' },
): EvaluateJson {
  const ci =
    ciMethod.method === 'delong'
      ? aucDeLong(y, score)
      : aucBootstrapCi(y, score, createRng(ciMethod.seed).next);
  const t = threshold === 'youden' ? youdenThreshold(y, score).threshold : threshold;
  const m = thresholdMetrics(y, score, t);
  const probabilities = score.every((p) => p >= 0 && p <= 1);
  const hl = probabilities ? hosmerLemeshow(y, score) : undefined;
  return {
    auc: ci.auc,
    aucCi: [ci.lower, ci.upper],
    threshold: t,
    accuracy: m.accuracy,
    sensitivity: m.sensitivity,
    specificity: m.specificity,
    ppv: m.ppv,
    npv: m.npv,
    hosmerLemeshow: hl ? { statistic: hl.statistic, df: hl.df, p: hl.pValue } : null,
    brier: probabilities ? brierScore(y, score) : null,
  };
}

function toText(r: EvaluateJson, rule: string, ciName: string): string {
  const f = (v: number | null | undefined): string =>
    v === null || v === undefined ? 'n/a' : v.toPrecision(6);
  return [
    `AUC ${f(r.auc)} (95% CI ${f(r.aucCi[0])}-${f(r.aucCi[1])}, ${ciName})`,
    `threshold ${f(r.threshold)} (${rule}): accuracy ${f(r.accuracy)}, sensitivity ${f(r.sensitivity)}, specificity ${f(r.specificity)}, PPV ${f(r.ppv)}, NPV ${f(r.npv)}`,
    `Hosmer-Lemeshow X2 ${f(r.hosmerLemeshow?.statistic)}, df ${f(r.hosmerLemeshow?.df)}, p ${f(r.hosmerLemeshow?.p)}; Brier ${f(r.brier)}`,
    '',
  ].join('\n');
}

/** Registers `bonemet evaluate` (discrimination and calibration of a score column). */
export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('AUC with DeLong CI, threshold metrics, Hosmer-Lemeshow and Brier score of a score column')
    .requiredOption('--input <csv>', 'CSV with a header row, one row per patient')
    .requiredOption('--score <col>', 'score column (a predicted probability for Hosmer-Lemeshow and Brier)')
    .requiredOption('--label <col>', 'outcome column coded 0/1')
    .option(
      '--threshold <youden|p>',
      "'youden' (maximise sens + spec - 1, lowest tied threshold) or a number",
      'youden',
    )
    .option('--id <col>', 'id column checked for duplicates (default: the column named "id", if any)')
    .option(
      '--ci <delong|bootstrap>',
      'AUC confidence interval: DeLong, or a stratified bootstrap of 2000',
      'delong',
    )
    .option('--seed <n>', 'seed of the bootstrap', '1')
    .option(
      '--json',
      'print {auc, aucCi, threshold, accuracy, sensitivity, specificity, ppv, npv, hosmerLemeshow, brier}',
    )
    .action(async (opts: EvaluateCliOptions) => {
      const threshold = parseThreshold(opts.threshold);
      const ciMethod = parseCiMethod(opts.ci, opts.seed);
      const table = await readCsvFile(opts.input, '--input');
      const id = opts.id ?? (table.header.includes('id') ? 'id' : undefined);
      if (id !== undefined) assertUniqueIds(table, id);
      const score = readCovariate(table, opts.score);
      const y = readOutcome(table, opts.label);
      const result = evaluateScores(y, score, threshold, ciMethod);
      warnFewEvents(y, opts.label);
      if (result.hosmerLemeshow === null) {
        warn(
          `column '${opts.score}' is not a probability in [0, 1]; Hosmer-Lemeshow and Brier are not computed`,
        );
      }
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : toText(
              result,
              threshold === 'youden' ? 'Youden' : 'given',
              ciMethod.method === 'delong' ? 'DeLong' : 'bootstrap',
            ),
      );
    });
}

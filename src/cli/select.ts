import type { Command } from 'commander';
import { StatsInputError } from '../errors.ts';
import { mrmrFcq, pearsonFilter } from '../model/selection.ts';
import { mrmrMutualInformation } from '../model/mrmr-mutual-information.ts';
import { readLabelledData } from './labelled-data.ts';

/** The selection methods of `bonemet select`. */
const SELECT_METHODS = ['pearson', 'mrmr-fcq', 'mrmr-miq', 'mrmr-mid'] as const;
export type SelectMethod = (typeof SELECT_METHODS)[number];

interface SelectCliOptions {
  readonly input: string;
  readonly label: string;
  readonly features: string;
  readonly method: string;
  readonly threshold: string;
  readonly k: string;
  readonly id?: string;
  readonly json?: boolean;
}

function isMethod(m: string): m is SelectMethod {
  return (SELECT_METHODS as readonly string[]).includes(m);
}

function parseNumberOption(value: string, option: string, integer: boolean): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new StatsInputError(
      'invalid-value',
      `${option} must be ${integer ? 'an integer' : 'a number'}, got '${value}'`,
    );
  }
  return v;
}

/** Runs one selection method on named columns; returns the selected names in selection order. */
export function selectFeatures(
  names: readonly string[],
  columns: readonly Float64Array[],
  y: Float64Array,
  method: SelectMethod,
  threshold: number,
  k: number,
): readonly string[] {
  const table = { names, columns };
  switch (method) {
    case 'pearson':
      return pearsonFilter(table, threshold).selected;
    case 'mrmr-fcq':
      return mrmrFcq(table, y, k).selected;
    case 'mrmr-miq':
      return mrmrMutualInformation(table, y, k, { scheme: 'MIQ' }).selected;
    case 'mrmr-mid':
      return mrmrMutualInformation(table, y, k, { scheme: 'MID' }).selected;
  }
}

/** Registers `bonemet select` (Pearson filter or mRMR on the given feature columns). */
export function registerSelect(program: Command): void {
  program
    .command('select')
    .description(
      'select features: Pearson |r| filter (keep-first) or mRMR (FCQ as mrmr_selection 0.2.9, or MIQ/MID)',
    )
    .requiredOption('--input <csv>', 'CSV with a header row, one row per training patient')
    .requiredOption('--label <col>', 'outcome column coded 0/1')
    .requiredOption(
      '--features <a,b,...>',
      'comma-separated numeric feature columns (complete, not constant)',
    )
    .requiredOption('--method <method>', `one of ${SELECT_METHODS.join(', ')}`)
    .option('--threshold <r>', 'pearson: drop a feature when |r| > this with an already kept one', '0.9')
    .option('--k <n>', 'mrmr-*: number of features to select', '20')
    .option('--id <col>', 'id column checked for duplicates (default: the column named "id", if any)')
    .option('--json', 'print {selected:[...]} in selection order')
    .action(async (opts: SelectCliOptions) => {
      if (!isMethod(opts.method)) {
        throw new StatsInputError(
          'invalid-value',
          `--method must be one of ${SELECT_METHODS.join(', ')}, got '${opts.method}'`,
        );
      }
      const threshold = parseNumberOption(opts.threshold, '--threshold', false);
      const k = parseNumberOption(opts.k, '--k', true);
      const data = await readLabelledData(opts.input, opts.label, opts.features, opts.id);
      const selected = selectFeatures(data.names, data.columns, data.y, opts.method, threshold, k);
      process.stdout.write(
        opts.json ? `${JSON.stringify({ selected }, null, 2)}\n` : `${selected.join('\n')}\n`,
      );
    });
}

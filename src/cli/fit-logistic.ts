import type { Command } from 'commander';
import { fitLogistic } from '../model/logistic.ts';
import type { LogisticCoefficient, LogisticFit } from '../model/logistic.ts';
import { readLabelledData, warn } from './labelled-data.ts';

interface FitLogisticCliOptions {
  readonly input: string;
  readonly label: string;
  readonly features: string;
  readonly id?: string;
  readonly json?: boolean;
}

interface CoefficientJson {
  readonly estimate: number;
  readonly se: number;
  readonly z: number;
  readonly p: number;
}

/** The `fit-logistic --json` document (DESIGN §15): `{intercept, coefficients: {<name>: ...}, aic, deviance}`. */
export interface FitLogisticJson {
  readonly intercept: CoefficientJson;
  readonly coefficients: Readonly<Record<string, CoefficientJson>>;
  readonly aic: number;
  readonly deviance: number;
}

const toJson = (c: LogisticCoefficient): CoefficientJson => ({
  estimate: c.estimate,
  se: c.standardError,
  z: c.z,
  p: c.pValue,
});

/** The JSON document of a fit with an intercept. */
export function fitToJson(fit: LogisticFit): FitLogisticJson {
  const [intercept, ...rest] = fit.coefficients;
  return {
    intercept: toJson(intercept),
    coefficients: Object.fromEntries(rest.map((c) => [c.name, toJson(c)])),
    aic: fit.aic,
    deviance: fit.deviance,
  };
}

function fitToText(fit: LogisticFit): string {
  const rows = fit.coefficients.map((c) =>
    [c.name, c.estimate, c.standardError, c.z, c.pValue].map((v) =>
      typeof v === 'number' ? v.toPrecision(6) : v,
    ),
  );
  const all = [['term', 'estimate', 'se', 'z', 'p'], ...rows];
  const widths = all[0].map((_, j) => Math.max(...all.map((r) => r[j].length)));
  const lines = all.map((r) => r.map((v, j) => v.padStart(widths[j])).join('  '));
  return `${lines.join('\n')}\nAIC ${fit.aic.toPrecision(8)}  deviance ${fit.deviance.toPrecision(8)}  (${fit.iterations} IRLS iterations)\n`;
}

/** Registers `bonemet fit-logistic` (logistic regression as R glm, binomial, by IRLS). */
export function registerFitLogistic(program: Command): void {
  program
    .command('fit-logistic')
    .description('fit a logistic regression exactly as R glm(family = binomial) and print the Wald table')
    .requiredOption('--input <csv>', 'CSV with a header row, one row per patient')
    .requiredOption('--label <col>', 'outcome column coded 0/1')
    .requiredOption(
      '--features <a,b,c>',
      'comma-separated numeric covariate columns (complete, not constant)',
    )
    .option('--id <col>', 'id column checked for duplicates (default: the column named "id", if any)')
    .option('--json', 'print {intercept:{estimate,se,z,p}, coefficients:{<name>:{...}}, aic, deviance}')
    .action(async (opts: FitLogisticCliOptions) => {
      const data = await readLabelledData(opts.input, opts.label, opts.features, opts.id);
      const rows = Array.from({ length: data.y.length }, (_, i) =>
        Float64Array.from(data.columns, (c) => c[i]),
      );
      const fit = fitLogistic(rows, data.y, { names: data.names });
      for (const w of fit.warnings) warn(w.message);
      process.stdout.write(opts.json ? `${JSON.stringify(fitToJson(fit), null, 2)}\n` : fitToText(fit));
    });
}

/**
 * Stepwise selection of logistic-regression terms by AIC in both directions, exactly as R
 * `MASS::stepAIC(fit, direction = "both", k = 2)`. A term is one covariate or a whole factor (all its dummy
 * columns move together); every candidate model is refitted by IRLS ({@link fitLogistic}, = R `glm.fit`).
 */
import { StatsInputError, isBoneMetError } from '../errors.ts';
import { fitLogistic } from './logistic.ts';
import type { LogisticFit } from './logistic.ts';

/** One model term: its design columns (one for a numeric covariate, levels - 1 dummies for a factor). */
export interface ModelTerm {
  readonly name: string;
  readonly columns: readonly ArrayLike<number>[];
  /** Coefficient names of the columns (R style: `age`, `subtypeLumB`). */
  readonly columnNames: readonly string[];
}

/** A numeric covariate as a one-column term. */
export function numericTerm(name: string, values: ArrayLike<number>): ModelTerm {
  return { name, columns: [values], columnNames: [name] };
}

/**
 * A factor as R's treatment contrasts (`contr.treatment`): the first level is the reference; one 0/1 column
 * per other level, named `<name><level>` as R's model.matrix does. `levels` defaults to the sorted distinct
 * values (code-unit order; R's `factor()` sorts by locale, so pass the levels to reproduce an R fit exactly).
 */
export function factorTerm(name: string, values: readonly string[], levels?: readonly string[]): ModelTerm {
  const lv = levels ?? [...new Set(values)].sort();
  values.forEach((v, i) => {
    if (!lv.includes(v)) {
      throw new StatsInputError(
        'invalid-value',
        `factor '${name}' row ${i + 1}: '${v}' is not one of its levels (${lv.join(', ')})`,
      );
    }
  });
  if (lv.length < 2) throw new StatsInputError('invalid-value', `factor '${name}' has fewer than 2 levels`);
  const others = lv.slice(1);
  return {
    name,
    columns: others.map((level) => Float64Array.from(values, (v) => (v === level ? 1 : 0))),
    columnNames: others.map((level) => `${name}${level}`),
  };
}

/** Options of {@link stepwiseAic}. */
export interface StepwiseOptions {
  /** 'full' (default, stepAIC's default start: all terms) or 'null' (intercept only, scope = all terms). */
  readonly start?: 'full' | 'null';
  /** Penalty per parameter (default 2: AIC; log(n) gives BIC). */
  readonly k?: number;
  /** Terms never dropped (stepAIC's `scope$lower`). */
  readonly keep?: readonly string[];
  /** Maximum number of steps (stepAIC's `steps`, default 1000). */
  readonly maxSteps?: number;
}

/** One candidate move evaluated at a step. */
export interface StepCandidate {
  /** `<none>`, `- term` or `+ term` (R's row names). */
  readonly change: string;
  /** Number of coefficients of the candidate model. */
  readonly parameters: number;
  readonly deviance: number;
  /** deviance + k × parameters (extractAIC). */
  readonly aic: number;
}

/** One accepted step of the path (the first is the start model, change ''). */
export interface StepwiseStep {
  readonly change: string;
  /** Terms of the model after the step, in model order. */
  readonly terms: readonly string[];
  readonly deviance: number;
  readonly dfResidual: number;
  readonly aic: number;
  /** The candidates evaluated from this model, in R's order (`<none>`, drops, adds). */
  readonly candidates: readonly StepCandidate[];
}

/** Result of {@link stepwiseAic}. */
export interface StepwiseResult {
  readonly steps: readonly StepwiseStep[];
  /** Terms of the final model. */
  readonly terms: readonly string[];
  /** The final model refitted (coefficient names from the terms' column names). */
  readonly fit: LogisticFit;
}

function fitTerms(terms: readonly ModelTerm[], y: ArrayLike<number>): LogisticFit {
  const n = y.length;
  const cols = terms.flatMap((t) => t.columns);
  const rows = Array.from({ length: n }, (_, i) => Float64Array.from(cols, (c) => c[i]));
  return fitLogistic(rows, y, { names: terms.flatMap((t) => t.columnNames) });
}

function checkTerms(terms: readonly ModelTerm[], n: number, keep: readonly string[]): void {
  const names = new Set<string>();
  for (const t of terms) {
    if (names.has(t.name)) throw new StatsInputError('invalid-value', `term '${t.name}' is given twice`);
    names.add(t.name);
    if (t.columns.length === 0 || t.columns.length !== t.columnNames.length) {
      throw new StatsInputError(
        'invalid-value',
        `term '${t.name}' needs at least one column and one name per column`,
      );
    }
    for (const c of t.columns) {
      if (c.length !== n)
        throw new StatsInputError(
          'length-mismatch',
          `term '${t.name}' has ${c.length} values but y has ${n}`,
        );
    }
  }
  for (const k of keep) {
    if (!names.has(k)) throw new StatsInputError('invalid-value', `keep names '${k}', which is not a term`);
  }
}

/** Fits a candidate; a singular design (R: a term with 0 df, dropped from the table) returns undefined. */
function tryFit(terms: readonly ModelTerm[], y: ArrayLike<number>): LogisticFit | undefined {
  try {
    return fitTerms(terms, y);
  } catch (e) {
    if (isBoneMetError(e) && e.code === 'singular-design') return undefined;
    throw e;
  }
}

interface Move {
  readonly candidate: StepCandidate;
  readonly model: ModelTerm[];
  readonly fit: LogisticFit;
}

/** Every drop (current terms not kept, model order) then every add (absent terms, given order), refitted. */
function evaluateMoves(
  current: readonly ModelTerm[],
  terms: readonly ModelTerm[],
  keep: readonly string[],
  y: ArrayLike<number>,
  k: number,
): Move[] {
  const options = [
    ...current
      .filter((t) => !keep.includes(t.name))
      .map((t) => ({ change: `- ${t.name}`, model: current.filter((u) => u !== t) })),
    ...terms
      .filter((t) => !current.includes(t))
      .map((t) => ({ change: `+ ${t.name}`, model: [...current, t] })),
  ];
  const moves: Move[] = [];
  for (const o of options) {
    const fit = tryFit(o.model, y);
    if (fit === undefined) continue;
    const parameters = fit.estimates.length;
    const candidate = {
      change: o.change,
      parameters,
      deviance: fit.deviance,
      aic: fit.deviance + k * parameters,
    };
    moves.push({ candidate, model: o.model, fit });
  }
  return moves;
}

/**
 * Stepwise AIC, both directions, as `MASS::stepAIC(glm(y ~ <all terms>, binomial), direction = "both")`.
 *
 * From the current model (initially all terms, or the intercept only with `start: 'null'`), each step
 * evaluates, in this order, `<none>`, dropping each current term not in `keep` (model order) and adding each
 * term not in the model (the order given; an added term goes last in the model), each candidate refitted
 * by IRLS; AIC = deviance + k × (number of coefficients), which is R's `extractAIC` for 0/1 outcomes. It
 * moves to the candidate with the lowest AIC, the first in that order on an exact tie (R's stable `order`,
 * so a tie with `<none>` stops), and stops when `<none>` is lowest or after `maxSteps` moves. A factor enters
 * and leaves as one term. A candidate whose design is singular is skipped (R drops 0-df rows); the start
 * model must be of full rank. Source: Venables & Ripley, Modern Applied Statistics with S (4th ed.) §6.8;
 * MASS `stepAIC`, `dropterm`, `addterm`; Akaike (1974).
 */
export function stepwiseAic(
  terms: readonly ModelTerm[],
  y: ArrayLike<number>,
  options: StepwiseOptions = {},
): StepwiseResult {
  const k = options.k ?? 2;
  const keep = options.keep ?? [];
  const maxSteps = options.maxSteps ?? 1000;
  if (!(k > 0) || !Number.isInteger(maxSteps) || maxSteps < 0) {
    throw new StatsInputError(
      'invalid-value',
      `k must be > 0 and maxSteps an integer >= 0, got ${k} and ${maxSteps}`,
    );
  }
  checkTerms(terms, y.length, keep);
  let current =
    (options.start ?? 'full') === 'full' ? [...terms] : terms.filter((t) => keep.includes(t.name));
  let fit = fitTerms(current, y);
  let aic = fit.deviance + k * fit.estimates.length;
  let change = '';
  const steps: StepwiseStep[] = [];
  for (let step = 0; ; step++) {
    const moves = step < maxSteps ? evaluateMoves(current, terms, keep, y, k) : [];
    const none = { change: '<none>', parameters: fit.estimates.length, deviance: fit.deviance, aic };
    steps.push({
      change,
      terms: current.map((t) => t.name),
      deviance: fit.deviance,
      dfResidual: fit.dfResidual,
      aic,
      candidates: [none, ...moves.map((m) => m.candidate)],
    });
    let best: Move | undefined;
    for (const m of moves) if (m.candidate.aic < (best?.candidate.aic ?? aic)) best = m;
    if (best === undefined) break;
    change = best.candidate.change;
    current = best.model;
    fit = best.fit;
    aic = best.candidate.aic;
  }
  return { steps, terms: current.map((t) => t.name), fit };
}

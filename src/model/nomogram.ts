/**
 * The points nomogram of a logistic model in the convention of R `rms::nomogram` (rms 6.5) on an `lrm` fit
 * with main effects only: one axis per term, a points scale on which the term with the widest
 * linear-predictor range spans 0..`maxScale`, a total-points axis, the linear-predictor axis and the risk
 * axis. Every conversion between points, linear predictor and risk is exact (closed form).
 */
import { StatsInputError } from '../errors.ts';
import { logitInverse } from './binomial-family.ts';
import { prettyBreaks } from './pretty.ts';

/** A model term as the nomogram needs it. */
export type NomogramTermSpec =
  | {
      readonly kind: 'numeric';
      readonly name: string;
      readonly coefficient: number;
      /** Training values: the axis is their distinct values when <= 10, else `pretty(range, n)`. */
      readonly values: ArrayLike<number>;
    }
  | {
      readonly kind: 'factor';
      readonly name: string;
      /** Levels in axis order; the first is the reference. */
      readonly levels: readonly string[];
      /** One coefficient per level, 0 for the reference (treatment contrasts). */
      readonly coefficients: readonly number[];
    };

/** Options of {@link buildNomogram}; defaults are rms's. */
export interface NomogramOptions {
  /** Points of the widest term (rms `maxscale`, default 100). */
  readonly maxScale?: number;
  /** Number of intervals asked of `pretty` (rms `nint`, default 10). */
  readonly intervals?: number;
  /** Risks to mark on the risk axis (rms `fun.at`); default `pretty(plogis(range(lp axis)), n)`. */
  readonly riskAt?: readonly number[];
}

/** One tick of a term axis. */
export interface NomogramTick {
  readonly value: number | string;
  /** Xβ of the value: β x for a numeric term, the level's coefficient for a factor. */
  readonly linearPredictor: number;
  readonly points: number;
}

/** One term axis. */
export interface NomogramAxis {
  readonly name: string;
  readonly kind: 'numeric' | 'factor';
  readonly ticks: readonly NomogramTick[];
  /** min and max of Xβ over the ticks (rms `R`). */
  readonly minLinearPredictor: number;
  readonly maxLinearPredictor: number;
}

/** A built nomogram. */
export interface Nomogram {
  readonly intercept: number;
  readonly maxScale: number;
  /** Points per unit of linear predictor, sc = maxScale / max_v (max R_v - min R_v). */
  readonly pointsPerUnit: number;
  /** Linear predictor at 0 total points, b₀ + Σ_v min R_v (rms `Intercept` after the shift). */
  readonly linearPredictorAtZero: number;
  readonly terms: readonly NomogramAxis[];
  /** Ticks of the total-points axis. */
  readonly totalPointsTicks: readonly number[];
  /** Linear-predictor axis: values (rms `lp.at`) and their total-points positions. */
  readonly linearPredictorTicks: readonly { readonly value: number; readonly points: number }[];
  /** Risk axis: risks and their total-points positions (exact, not rms's 1000-point interpolation). */
  readonly riskTicks: readonly { readonly risk: number; readonly points: number }[];
}

function axisValues(spec: NomogramTermSpec, intervals: number): (number | string)[] {
  if (spec.kind === 'factor') return [...spec.levels];
  const distinct = [...new Set(Array.from(spec.values))].sort((a, b) => a - b);
  return distinct.length <= 10 ? distinct : prettyBreaks(distinct, intervals);
}

function termLinearPredictor(spec: NomogramTermSpec, value: number | string): number {
  if (spec.kind === 'numeric') {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new StatsInputError(
        'invalid-value',
        `term '${spec.name}' needs a finite number, got ${String(value)}`,
      );
    }
    return spec.coefficient * value;
  }
  const k = spec.levels.indexOf(String(value));
  if (k < 0) {
    throw new StatsInputError(
      'invalid-value',
      `term '${spec.name}': '${String(value)}' is not one of its levels (${spec.levels.join(', ')})`,
    );
  }
  return spec.coefficients[k];
}

function checkSpec(spec: NomogramTermSpec): void {
  if (spec.kind === 'factor') {
    if (
      spec.levels.length < 2 ||
      spec.levels.length !== spec.coefficients.length ||
      spec.coefficients[0] !== 0
    ) {
      throw new StatsInputError(
        'invalid-value',
        `factor term '${spec.name}' needs >= 2 levels, one coefficient per level and 0 for the reference level`,
      );
    }
    if (!spec.coefficients.every(Number.isFinite))
      throw new StatsInputError('non-finite-value', `term '${spec.name}' has a non-finite coefficient`);
  } else {
    if (!Number.isFinite(spec.coefficient))
      throw new StatsInputError('non-finite-value', `term '${spec.name}' has a non-finite coefficient`);
    if (!Array.from(spec.values).some(Number.isFinite)) {
      throw new StatsInputError(
        'empty-input',
        `term '${spec.name}' has no finite training value to build its axis from`,
      );
    }
  }
}

/**
 * Builds the nomogram as `rms::nomogram(fit, fun = plogis, fun.at = riskAt)` on an `lrm` fit with these main
 * effects (rms 6.5, `datadist` defaults).
 *
 * Axis values: a numeric term with <= 10 distinct training values uses them (datadist `n.unique`), otherwise
 * `pretty(range(x), n = 10)` (which may extend beyond the data); a factor uses its levels. Xβ_v(x) = β_v x,
 * uncentred (a factor level: its coefficient, 0 for the reference). R_v = [min, max] of Xβ_v over the axis.
 * Scale sc = maxScale / max_v (max R_v - min R_v); points_v(x) = sc (Xβ_v(x) - min R_v). Total points P ↔
 * linear predictor lp = b₀ + Σ_v min R_v + P / sc, risk = plogis(lp). lp axis = `pretty(range(training lp),
 * n)`; total-points axis = `pretty(c(0, max(maxScale, sc × max(lp axis - lp at 0))), n)` (one term: maxScale);
 * risk ticks default to `pretty(plogis(range(lp axis)), n)`, and only risks inside the lp axis range are kept
 * (as rms). A risk's position is exact, (logit p - b₀ - Σ min R_v) sc, where rms interpolates on 1000 points.
 * Source: Harrell, Regression Modeling Strategies (2nd ed.) §5.4 and rms `nomogram`.
 *
 * @param intercept b₀ of the model.
 * @param specs the model's terms with their coefficients.
 * @param trainingLinearPredictors the fitted linear predictors of the training rows (for the lp axis).
 */
export function buildNomogram(
  intercept: number,
  specs: readonly NomogramTermSpec[],
  trainingLinearPredictors: ArrayLike<number>,
  options: NomogramOptions = {},
): Nomogram {
  const maxScale = options.maxScale ?? 100;
  const intervals = options.intervals ?? 10;
  if (!(maxScale > 0) || !Number.isInteger(intervals) || intervals < 1 || !Number.isFinite(intercept)) {
    throw new StatsInputError(
      'invalid-value',
      `nomogram needs maxScale > 0, an integer intervals >= 1 and a finite intercept`,
    );
  }
  if (specs.length === 0) throw new StatsInputError('empty-input', 'the nomogram needs at least one term');
  specs.forEach(checkSpec);
  const raw = specs.map((spec) => {
    const values = axisValues(spec, intervals);
    const lps = values.map((v) => termLinearPredictor(spec, v));
    return { spec, values, lps, min: Math.min(...lps), max: Math.max(...lps) };
  });
  const widest = Math.max(...raw.map((t) => t.max - t.min));
  if (!(widest > 0))
    throw new StatsInputError(
      'invalid-value',
      'every term has a zero linear-predictor range (all coefficients 0)',
    );
  const sc = maxScale / widest;
  const atZero = intercept + raw.reduce((s, t) => s + t.min, 0);
  const terms = raw.map((t): NomogramAxis => ({
    name: t.spec.name,
    kind: t.spec.kind,
    ticks: t.values.map((value, i) => ({
      value,
      linearPredictor: t.lps[i],
      points: (t.lps[i] - t.min) * sc,
    })),
    minLinearPredictor: t.min,
    maxLinearPredictor: t.max,
  }));
  const lpAt = prettyBreaks(trainingLinearPredictors, intervals);
  if (lpAt.length < 2)
    throw new StatsInputError(
      'invalid-value',
      'the training linear predictors need at least one finite value',
    );
  const sumMax =
    specs.length === 1 ? maxScale : Math.max(maxScale, sc * Math.max(...lpAt.map((v) => v - atZero)));
  const lpLo = lpAt[0];
  const lpHi = Math.max(...lpAt);
  const risks = options.riskAt ?? prettyBreaks([logitInverse(lpLo), logitInverse(lpHi)], intervals);
  return {
    intercept,
    maxScale,
    pointsPerUnit: sc,
    linearPredictorAtZero: atZero,
    terms,
    totalPointsTicks: prettyBreaks([0, sumMax], intervals),
    linearPredictorTicks: lpAt.map((value) => ({ value, points: (value - atZero) * sc })),
    riskTicks: risks
      .filter((p) => p > 0 && p < 1)
      .map((risk) => ({ risk, points: (Math.log(risk / (1 - risk)) - atZero) * sc }))
      .filter((r) => r.points >= (lpLo - atZero) * sc && r.points <= (lpHi - atZero) * sc),
  };
}

/** Points of one term's value: sc (Xβ_v(x) - min R_v) (a numeric value between ticks is interpolated exactly). */
export function termPoints(nomogram: Nomogram, spec: NomogramTermSpec, value: number | string): number {
  const axis = nomogram.terms.find((t) => t.name === spec.name);
  if (axis === undefined)
    throw new StatsInputError('invalid-value', `term '${spec.name}' is not in the nomogram`);
  return (termLinearPredictor(spec, value) - axis.minLinearPredictor) * nomogram.pointsPerUnit;
}

/** Linear predictor at total points P: lp = b₀ + Σ min R_v + P / sc. */
export function totalPointsToLinearPredictor(nomogram: Nomogram, totalPoints: number): number {
  return nomogram.linearPredictorAtZero + totalPoints / nomogram.pointsPerUnit;
}

/** Risk at total points P: plogis(lp(P)). */
export function totalPointsToRisk(nomogram: Nomogram, totalPoints: number): number {
  return logitInverse(totalPointsToLinearPredictor(nomogram, totalPoints));
}

/** Total-points position of a risk p in (0, 1): (logit p - b₀ - Σ min R_v) sc. */
export function riskToTotalPoints(nomogram: Nomogram, risk: number): number {
  if (!(risk > 0 && risk < 1))
    throw new StatsInputError('invalid-value', `a risk must be in (0, 1), got ${risk}`);
  return (Math.log(risk / (1 - risk)) - nomogram.linearPredictorAtZero) * nomogram.pointsPerUnit;
}

/** A patient's points per term, total points, linear predictor and risk. */
export function scoreNomogram(
  nomogram: Nomogram,
  specs: readonly NomogramTermSpec[],
  values: Readonly<Record<string, number | string>>,
): { perTerm: Record<string, number>; totalPoints: number; linearPredictor: number; risk: number } {
  const perTerm: Record<string, number> = {};
  let total = 0;
  for (const spec of specs) {
    const v = values[spec.name];
    if (v === undefined) throw new StatsInputError('invalid-value', `no value given for term '${spec.name}'`);
    perTerm[spec.name] = termPoints(nomogram, spec, v);
    total += perTerm[spec.name];
  }
  const linearPredictor = totalPointsToLinearPredictor(nomogram, total);
  return { perTerm, totalPoints: total, linearPredictor, risk: logitInverse(linearPredictor) };
}

/**
 * Support vector machine with probability estimates (sklearn `SVC(probability=True)` defaults: RBF kernel
 * K(u, v) = exp(-γ‖u - v‖²), C = 1, γ = 'scale' = 1/(p Var(X)) over all training cells). The C-SVC is solved
 * by libsvm (libsvm-js, asm.js build; its SMO solver is deterministic); the decision function
 * f(x) = Σᵢ αᵢyᵢ K(svᵢ, x) - ρ is read back from libsvm's model text and evaluated here. Probabilities come
 * from Platt scaling fitted, as libsvm does, on out-of-fold decision values of an internal 5-fold
 * cross-validation; the folds are drawn from this model's seed (libsvm's own draw uses the C library's
 * global `rand()`, so repeated fits in one process would differ). libsvm writes support-vector values with
 * 8 and ρ with 6 significant digits; the model is evaluated from those values, consistently in training
 * and prediction. Source: Chang & Lin, ACM TIST 2:27 (2011), sections 2.1 and 8.
 */
import SVM from 'libsvm-js/asm.js';
import { StatsInputError } from '../../errors.ts';
import { createRng } from '../../stats/random.ts';
import {
  assertRows,
  assertTrainingData,
  fitted,
  readNumber,
  readNumbers,
  readObject,
  readRows,
  toArrays,
} from './checks.ts';
import { splitFold, stratifiedFolds } from './folds.ts';
import { fitPlatt, plattProbability } from './platt.ts';
import type { PlattSigmoid } from './platt.ts';
import type { Classifier, ClassifierJson, FeatureRows, HyperParameters } from './types.ts';

/** An RBF decision function oriented so that higher values mean class 1. */
interface Decision {
  readonly gamma: number;
  readonly rho: number;
  readonly coefficients: Float64Array;
  readonly vectors: Float64Array[];
}

interface State {
  readonly decision: Decision;
  readonly sigmoid: PlattSigmoid;
}

function field(lines: readonly string[], key: string): string[] {
  const line = lines.find((l) => l.startsWith(`${key} `));
  if (line === undefined)
    throw new StatsInputError('invalid-value', `libsvm model text has no '${key}' line`);
  return line
    .slice(key.length + 1)
    .trim()
    .split(/\s+/);
}

/** Parses libsvm's model text (sparse `index:value` support vectors, 1-based indices) into a decision function. */
function parseLibsvmModel(text: string, p: number): Decision {
  const lines = text.split('\n');
  const gamma = Number(field(lines, 'gamma')[0]);
  const rho = Number(field(lines, 'rho')[0]);
  const labels = field(lines, 'label').map(Number);
  const sign = labels[0] === 1 ? 1 : -1;
  const start = lines.indexOf('SV') + 1;
  const coefficients: number[] = [];
  const vectors: Float64Array[] = [];
  for (const line of lines.slice(start)) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] === '') continue;
    coefficients.push(sign * Number(parts[0]));
    const v = new Float64Array(p);
    for (const pair of parts.slice(1)) {
      const [index, value] = pair.split(':');
      v[Number(index) - 1] = Number(value);
    }
    vectors.push(v);
  }
  return { gamma, rho: sign * rho, coefficients: Float64Array.from(coefficients), vectors };
}

/** f(x) = Σ cᵢ exp(-γ‖svᵢ - x‖²) - ρ (oriented to class 1). */
function decisionValue(d: Decision, x: ArrayLike<number>): number {
  let f = -d.rho;
  for (let i = 0; i < d.vectors.length; i++) {
    const sv = d.vectors[i];
    let dist = 0;
    for (let j = 0; j < sv.length; j++) dist += (sv[j] - x[j]) ** 2;
    f += d.coefficients[i] * Math.exp(-d.gamma * dist);
  }
  return f;
}

function trainDecision(x: number[][], y: number[], cost: number, gamma: number): Decision {
  const svm = new SVM({
    type: SVM.SVM_TYPES.C_SVC,
    kernel: SVM.KERNEL_TYPES.RBF,
    cost,
    gamma,
    tolerance: 0.001,
    shrinking: true,
    probabilityEstimates: false,
    quiet: true,
  });
  try {
    svm.train(x, y);
    return parseLibsvmModel(svm.serializeModel(), x[0].length);
  } finally {
    svm.free();
  }
}

/** sklearn's γ = 'scale': 1 / (p · Var(all training cells)), or 1 when that variance is 0. */
function scaleGamma(x: FeatureRows): number {
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (const row of x) {
    for (let j = 0; j < row.length; j++) {
      n++;
      sum += row[j];
      sq += row[j] * row[j];
    }
  }
  const variance = sq / n - (sum / n) ** 2;
  return variance > 0 ? 1 / (x[0].length * variance) : 1;
}

/** SVM; params `C` (1) and `gamma` (0 = 'scale'). */
export class SvmClassifier implements Classifier {
  readonly name = 'svm';
  readonly params: HyperParameters;
  readonly seed: number;
  private state: State | undefined;

  constructor(params: HyperParameters = {}, seed = 1) {
    this.params = { C: 1, gamma: 0, ...params };
    this.seed = seed;
  }

  fit(x: FeatureRows, y: ArrayLike<number>): void {
    assertTrainingData(x, y, 'svm');
    const rows = toArrays(x);
    const labels = Array.from(y);
    const gamma = this.params.gamma > 0 ? this.params.gamma : scaleGamma(x);
    const decision = trainDecision(rows, labels, this.params.C, gamma);
    const fold = stratifiedFolds(
      labels,
      Math.max(2, Math.min(5, ...[0, 1].map((c) => labels.filter((v) => v === c).length))),
      createRng(this.seed),
    );
    const oof = new Float64Array(rows.length);
    for (let f = 0; f <= Math.max(...fold); f++) {
      const trainY = splitFold(labels, fold, f, false);
      const inner =
        trainY.includes(0) && trainY.includes(1)
          ? trainDecision(splitFold(rows, fold, f, false), trainY, this.params.C, gamma)
          : undefined;
      rows.forEach((row, i) => {
        if (fold[i] === f) oof[i] = inner ? decisionValue(inner, row) : trainY[0] === 1 ? 1 : -1;
      });
    }
    this.state = { decision, sigmoid: fitPlatt(oof, labels) };
  }

  /** Decision values f(x), higher meaning class 1. */
  decisionFunction(x: FeatureRows): Float64Array {
    const s = fitted(this.state, 'svm');
    assertRows(x, s.decision.vectors[0]?.length ?? 0, 'svm');
    return Float64Array.from(x, (row) => decisionValue(s.decision, row));
  }

  predictProba(x: FeatureRows): Float64Array {
    const s = fitted(this.state, 'svm');
    return this.decisionFunction(x).map((f) => plattProbability(s.sigmoid, f));
  }

  toJSON(): ClassifierJson {
    const s = fitted(this.state, 'svm');
    const d = s.decision;
    return {
      format: 'bonemet-classifier',
      version: 1,
      name: this.name,
      params: this.params,
      seed: this.seed,
      state: {
        gamma: d.gamma,
        rho: d.rho,
        coefficients: Array.from(d.coefficients),
        vectors: d.vectors.map((v) => Array.from(v)),
        plattA: s.sigmoid.a,
        plattB: s.sigmoid.b,
      },
    };
  }

  /** Restores a fitted model from its `state`. */
  static fromState(params: HyperParameters, seed: number, state: unknown): SvmClassifier {
    const m = new SvmClassifier(params, seed);
    const o = readObject(state, 'state');
    m.state = {
      decision: {
        gamma: readNumber(o, 'gamma', 'state'),
        rho: readNumber(o, 'rho', 'state'),
        coefficients: readNumbers(o, 'coefficients', 'state'),
        vectors: readRows(o, 'vectors', 'state'),
      },
      sigmoid: { a: readNumber(o, 'plattA', 'state'), b: readNumber(o, 'plattB', 'state') },
    };
    return m;
  }
}

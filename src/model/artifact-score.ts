/**
 * Scoring one patient with a model artifact: Rad-score from the radiomic features (training preprocessing,
 * then the logistic linear predictor), nomogram points per term, total points, probability and category.
 */
import { ClinicalInputError, ModelArtifactError } from '../errors.ts';
import { CLINICAL_VARIABLES, clinicalTermValues, missingClinicalInputs } from '../clinical/inputs.ts';
import type { ClinicalInputs } from '../clinical/inputs.ts';
import { logitInverse } from './binomial-family.ts';
import { scoreNomogram } from './nomogram.ts';
import { Preprocessor } from './preprocess.ts';
import type { ModelArtifact } from './artifact.ts';
import type { CellValue } from './table.ts';

/** Name of the Rad-score term in the nomogram. */
export const RAD_SCORE_TERM = 'radScore';

/** One patient's result. */
export interface ArtifactScore {
  /** b₀ + Σ bⱼ zⱼ over the selected features (z: training-fitted imputation, capping, z-score). */
  readonly radScore: number;
  /** Nomogram risk logit⁻¹(lp) of the event. */
  readonly probability: number;
  readonly category: string;
  readonly points: Readonly<Record<string, number>>;
  readonly totalPoints: number;
}

/** The preprocessor stored in an artifact. */
function artifactPreprocessor(a: ModelArtifact): Preprocessor {
  return new Preprocessor({ ...a.scaler, dropped: [] });
}

/**
 * Rad-scores of several rows: features looked up by name in `columns` (missing cells take the training
 * median, as in training), then b₀ + Σ bⱼ zⱼ.
 */
export function radScores(
  a: ModelArtifact,
  names: readonly string[],
  columns: readonly ArrayLike<CellValue>[],
): Float64Array {
  const pre = artifactPreprocessor(a);
  const z = pre.apply({ names, columns });
  const n = columns[0]?.length ?? 0;
  return Float64Array.from({ length: n }, (_, i) =>
    a.features.reduce(
      (s, f, j) => s + a.radScore.coefficients[j] * z.columns[z.names.indexOf(f)][i],
      a.radScore.intercept,
    ),
  );
}

/** The category of a probability: the last category whose `fromProbability` is <= p. */
export function categoryOf(a: ModelArtifact, probability: number): string {
  let label = a.thresholds.categories[0]?.label ?? 'unknown';
  for (const c of a.thresholds.categories) if (probability >= c.fromProbability) label = c.label;
  return label;
}

/**
 * Scores a patient from a Rad-score and the clinical values of the nomogram's other terms (numbers for
 * numeric terms, level names for factors). Throws {@link ClinicalInputError} naming a missing (`missing-clinical-value`) or unusable value.
 */
export function scoreWithArtifact(
  a: ModelArtifact,
  radScore: number,
  clinical: Readonly<Record<string, number | string | null | undefined>>,
): ArtifactScore {
  const values: Record<string, number | string> = {};
  for (const t of a.nomogram.terms) {
    if (t.name === RAD_SCORE_TERM) {
      values[t.name] = radScore;
      continue;
    }
    const v = clinical[t.name];
    if (v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v))) {
      throw new ClinicalInputError(
        'missing-clinical-value',
        `no value for nomogram term '${t.name}'; the risk needs it (add the patient's ${t.name})`,
      );
    }
    if (t.kind === 'factor') {
      const level = String(v);
      if (!t.levels.includes(level)) {
        throw new ClinicalInputError(
          'invalid-clinical-value',
          `term '${t.name}': '${level}' is not one of its levels (${t.levels.join(', ')})`,
        );
      }
      values[t.name] = level;
    } else {
      const x = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(x))
        throw new ClinicalInputError('invalid-clinical-value', `term '${t.name}': '${v}' is not a number`);
      values[t.name] = x;
    }
  }
  const s = scoreNomogram(a.nomogram.chart, a.nomogram.terms, values);
  const probability = logitInverse(s.linearPredictor);
  return {
    radScore,
    probability,
    category: categoryOf(a, probability),
    points: s.perTerm,
    totalPoints: s.totalPoints,
  };
}

/**
 * Scores a patient from a Rad-score and typed clinical inputs: each nomogram term other than the Rad-score
 * must be a clinical variable (`age`, `er`, `pr`, `her2`, `ki67`, `subtype`) with a value. Throws
 * {@link ClinicalInputError} `missing-clinical-value` naming every input the model needs and the record lacks
 * (with the reason), and {@link ModelArtifactError} for a term that is no clinical input.
 */
/** The clinical inputs a model's nomogram needs: its terms but the Rad-score. */
export function clinicalTermsOf(a: ModelArtifact): string[] {
  return a.nomogram.terms.map((t) => t.name).filter((n) => n !== RAD_SCORE_TERM);
}

export function scoreClinicalInputs(
  a: ModelArtifact,
  radScore: number,
  inputs: ClinicalInputs,
): ArtifactScore {
  const needed = clinicalTermsOf(a);
  const foreign = needed.filter((n) => !(n in CLINICAL_VARIABLES));
  if (foreign.length > 0) {
    throw new ModelArtifactError(
      'invalid-field',
      `nomogram term(s) ${foreign.join(', ')} are not clinical inputs the product reads (${Object.keys(CLINICAL_VARIABLES).join(', ')}); train the model on those column names`,
    );
  }
  const missing = missingClinicalInputs(inputs, needed);
  if (missing.length > 0) {
    throw new ClinicalInputError(
      'missing-clinical-value',
      `the nomogram needs ${missing.map((m) => `${CLINICAL_VARIABLES[m.variable].label} (${m.reason})`).join(', ')}`,
    );
  }
  return scoreWithArtifact(a, radScore, clinicalTermValues(inputs));
}

/**
 * The clinical-only comparison model: a logistic regression on the clinical variables alone (no Rad-score),
 * fitted on the training rows, with its Table 2 metrics on train and test (training Youden threshold). It
 * shows how much the radiomics add: on the synthetic cohort, where the outcome is drawn independently of the
 * clinical variables, its test AUC should stay near 0.5.
 */
import type { ArtifactMetrics } from './artifact.ts';
import { logitInverse } from './binomial-family.ts';
import type { ClinicalVariable } from './clinical-table.ts';
import { factorTerm, numericTerm, stepwiseAic } from './stepwise.ts';
import { setAsideAliasedTerms } from './aliased-terms.ts';
import type { ModelTerm } from './stepwise.ts';
import { trainTestMetrics } from './training-metrics.ts';

/** Result of {@link clinicalOnlyModel}. */
export interface ClinicalOnlyResult {
  /** Coefficient names of the fit (R style, intercept first). */
  readonly names: readonly string[];
  readonly train: ArtifactMetrics;
  readonly test: ArtifactMetrics | null;
}

function terms(clinical: readonly ClinicalVariable[], rows: readonly number[]): ModelTerm[] {
  return clinical.map((v) =>
    v.kind === 'numeric'
      ? numericTerm(
          v.name,
          Float64Array.from(rows, (i) => v.values[i]),
        )
      : factorTerm(
          v.name,
          rows.map((i) => v.values[i]),
          v.levels,
        ),
  );
}

/**
 * Fits logit P(y = 1) = b0 + Σ b_j x_j over every clinical term (numeric as is, factors as treatment
 * contrasts; IRLS as R `glm(family = binomial)`, through {@link stepwiseAic} with no step, i.e. the full model)
 * on the rows where `isTest` is false, and scores every row with p = logit⁻¹(b0 + Σ b_j x_j).
 */
export function clinicalOnlyModel(
  clinical: readonly ClinicalVariable[],
  y: Float64Array,
  isTest: readonly boolean[],
): ClinicalOnlyResult {
  const trainIdx = isTest.flatMap((t, i) => (t ? [] : [i]));
  const testIdx = isTest.flatMap((t, i) => (t ? [i] : []));
  const all = Array.from(y, (_, i) => i);
  const yTrain = Float64Array.from(trainIdx, (i) => y[i]);
  const { kept } = setAsideAliasedTerms(terms(clinical, trainIdx));
  const keptNames = new Set(kept.map((t) => t.name));
  const fit = stepwiseAic(kept, yTrain, { maxSteps: 0 }).fit;
  const columns = terms(clinical, all)
    .filter((t) => keptNames.has(t.name))
    .flatMap((t) => t.columns);
  const lp = Float64Array.from(all, (i) => {
    let s = fit.estimates[0];
    for (let j = 0; j < columns.length; j++) s += fit.estimates[j + 1] * columns[j][i];
    return s;
  });
  const p = lp.map(logitInverse);
  const pTest = testIdx.length > 0 ? Float64Array.from(testIdx, (i) => p[i]) : null;
  const yTest = testIdx.length > 0 ? Float64Array.from(testIdx, (i) => y[i]) : null;
  const m = trainTestMetrics(
    yTrain,
    Float64Array.from(trainIdx, (i) => p[i]),
    yTest,
    pTest,
  );
  return { names: [...fit.names], train: m.train, test: m.test };
}

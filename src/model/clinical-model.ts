/**
 * The clinical model of the pipeline: Rad-score plus clinical variables, terms chosen by stepwise AIC on the
 * training rows (the Rad-score always kept), turned into nomogram term specifications (numeric terms with
 * their training values; factors with one coefficient per level, 0 for the reference); and the model's
 * probability for every row, logit⁻¹(b₀ + Σ term contributions).
 */
import type { ArtifactTerm } from './artifact.ts';
import { RAD_SCORE_TERM } from './artifact-score.ts';
import { logitInverse } from './binomial-family.ts';
import type { ClinicalVariable } from './clinical-table.ts';
import { factorTerm, numericTerm, stepwiseAic } from './stepwise.ts';
import { setAsideAliasedTerms } from './aliased-terms.ts';
import type { AliasedTerm } from './aliased-terms.ts';
import type { StepwiseResult } from './stepwise.ts';

const pick = (x: Float64Array, mask: readonly boolean[], want: boolean): Float64Array =>
  x.filter((_, i) => mask[i] === want);

/** Stepwise AIC over Rad-score + clinical terms on the training rows, and the nomogram specs of the result. */
export function clinicalNomogramModel(
  radScore: Float64Array,
  clinical: readonly ClinicalVariable[],
  isTest: readonly boolean[],
  yTrain: Float64Array,
): { step: StepwiseResult; specs: ArtifactTerm[]; aliased: AliasedTerm[] } {
  const terms = [
    numericTerm(RAD_SCORE_TERM, pick(radScore, isTest, false)),
    ...clinical.map((v) =>
      v.kind === 'numeric'
        ? numericTerm(v.name, pick(v.values, isTest, false))
        : factorTerm(
            v.name,
            v.values.filter((_, i) => !isTest[i]),
            v.levels,
          ),
    ),
  ];
  // A clinical term collinear with the ones before it (R: NA coefficients) is set aside before selection.
  const { kept, aliased } = setAsideAliasedTerms(terms);
  const step = stepwiseAic(kept, yTrain, { keep: [RAD_SCORE_TERM] });
  const coef = (name: string): number => step.fit.estimates[step.fit.names.indexOf(name)];
  const specs: ArtifactTerm[] = step.terms.map((t): ArtifactTerm => {
    const v = clinical.find((c) => c.name === t);
    if (v === undefined || v.kind === 'numeric') {
      const values = t === RAD_SCORE_TERM ? radScore : (v?.values ?? radScore);
      return {
        kind: 'numeric',
        name: t,
        coefficient: coef(t),
        values: Array.from(pick(values, isTest, false)),
      };
    }
    return {
      kind: 'factor',
      name: t,
      levels: [...v.levels],
      coefficients: v.levels.map((l, j) => (j === 0 ? 0 : coef(`${t}${l}`))),
    };
  });
  return { step, specs, aliased };
}

/** Nomogram probabilities of every row: logit⁻¹(b₀ + Σ term contributions). */
export function nomogramProbabilities(
  intercept: number,
  specs: readonly ArtifactTerm[],
  radScore: Float64Array,
  clinical: readonly ClinicalVariable[],
): Float64Array {
  return radScore.map((rs, i) => {
    let lp = intercept;
    for (const t of specs) {
      const v = clinical.find((c) => c.name === t.name);
      if (t.kind === 'numeric')
        lp += t.coefficient * (t.name === RAD_SCORE_TERM || v === undefined ? rs : Number(v.values[i]));
      else if (v !== undefined) lp += t.coefficients[t.levels.indexOf(String(v.values[i]))];
    }
    return logitInverse(lp);
  });
}

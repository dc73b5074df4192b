/**
 * One patient on the model's nomogram: each term's points and the total from the library's nomogram scoring
 * (src/browser.ts), then the probability read from the total points through the chart's points-to-risk scale,
 * as a clinician reading the printed nomogram would. The service's risk must be the same number.
 */
import { clinicalTermValues, scoreWithArtifact, totalPointsToRisk } from '../../../src/browser.ts';
import type { ClinicalInputs, ModelArtifact } from '../../../src/browser.ts';

export interface NomogramPatient {
  /** The value of each term as the nomogram reads it (the Rad-score, a factor's level). */
  readonly values: Readonly<Record<string, number | string>>;
  readonly points: Readonly<Record<string, number>>;
  readonly totalPoints: number;
  /** Risk at the total points, from the chart. */
  readonly probability: number;
}

/** Places the patient; throws the library's ClinicalInputError when an input the nomogram needs is missing. */
export function placePatient(
  model: ModelArtifact,
  radScore: number,
  inputs: ClinicalInputs,
): NomogramPatient {
  const clinical = clinicalTermValues(inputs);
  const score = scoreWithArtifact(model, radScore, clinical);
  const values: Record<string, number | string> = {};
  for (const t of model.nomogram.terms) {
    const v = t.name === 'radScore' ? radScore : clinical[t.name as keyof typeof clinical];
    if (v !== null && v !== undefined) values[t.name] = v;
  }
  return {
    values,
    points: score.points,
    totalPoints: score.totalPoints,
    probability: totalPointsToRisk(model.nomogram.chart, score.totalPoints),
  };
}

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClinicalInputError } from '../../../src/errors.ts';
import { parseModelArtifact } from '../../../src/model/artifact.ts';
import { categoryOf, radScores, scoreWithArtifact } from '../../../src/model/artifact-score.ts';
import { assertClose } from '../../support/tolerance.ts';
import { trainedModel } from '../../support/trained-model.ts';

const { cohort, result } = trainedModel();
const artifact = parseModelArtifact(JSON.parse(JSON.stringify(result.artifact)));
// Same arithmetic in a different order (JSON round trip is exact): a few ulps.
const TOL = { rel: 1e-12, abs: 1e-12 };

describe('radScores', () => {
  it("reproduces the pipeline's Rad-scores from the raw feature columns", () => {
    const s = radScores(
      artifact,
      artifact.features,
      artifact.features.map((f) => cohort.features[f]),
    );
    s.forEach((v, i) => assertClose(v, result.radScore[i], TOL, `Rad-score of row ${i}`));
  });
});

describe('scoreWithArtifact', () => {
  it("reproduces the pipeline's nomogram probabilities and points summing to the total", () => {
    cohort.ids.forEach((_, i) => {
      const clinical = Object.fromEntries(Object.entries(cohort.clinical).map(([k, v]) => [k, v[i]]));
      if (clinical.age === '') clinical.age = '52';
      const s = scoreWithArtifact(artifact, result.radScore[i], clinical);
      if (cohort.clinical.age[i] !== '' || !artifact.nomogram.stepwise.includes('age')) {
        assertClose(
          s.probability,
          result.probability[i],
          { rel: 1e-9, abs: 1e-12 },
          `probability of row ${i}`,
        );
      }
      const sum = Object.values(s.points).reduce((a, b) => a + b, 0);
      assertClose(sum, s.totalPoints, TOL, 'total points');
      assert.equal(s.category, categoryOf(artifact, s.probability));
    });
  });

  it('throws ClinicalInputError naming the term: missing-clinical-value when absent, invalid-clinical-value for an unknown level', () => {
    const factor = artifact.nomogram.terms.find((t) => t.kind === 'factor');
    const other = artifact.nomogram.terms.find((t) => t.name !== 'radScore');
    if (other) {
      assert.throws(
        () => scoreWithArtifact(artifact, 0, {}),
        (e: unknown) =>
          e instanceof ClinicalInputError &&
          e.code === 'missing-clinical-value' &&
          e.message.includes(`'${other.name}'`),
      );
    }
    if (factor) {
      const values = Object.fromEntries(Object.entries(cohort.clinical).map(([k, v]) => [k, v[0] || '50']));
      assert.throws(
        () => scoreWithArtifact(artifact, 0, { ...values, [factor.name]: 'unknown-level' }),
        (e: unknown) =>
          e instanceof ClinicalInputError &&
          e.code === 'invalid-clinical-value' &&
          /not one of its levels/.test(e.message),
      );
    }
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setAsideAliasedTerms } from '../../../src/model/aliased-terms.ts';
import { factorTerm, numericTerm, stepwiseAic } from '../../../src/model/stepwise.ts';
import { createRng } from '../../../src/stats/random.ts';

describe('setAsideAliasedTerms', () => {
  const rng = createRng(4);
  const n = 60;
  const age = Array.from({ length: n }, () => 50 + 10 * rng.normal());
  const er = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1));
  // A subtype factor whose 'HRpos' level is exactly er = 1: its dummy duplicates er.
  const subtype = er.map((e, i) =>
    e === 1 ? (i % 2 === 0 ? 'HRpos' : 'HRpos') : i % 2 === 0 ? 'TN' : 'HER2',
  );
  const y = Float64Array.from({ length: n }, (_, i) => (age[i] + 8 * rng.normal() > 52 ? 1 : 0));

  it('keeps independent terms and sets aside a factor that duplicates an earlier column, naming it', () => {
    const terms = [
      numericTerm('age', age),
      numericTerm('er', er),
      factorTerm('subtype', subtype, ['HER2', 'HRpos', 'TN']),
    ];
    const { kept, aliased } = setAsideAliasedTerms(terms);
    assert.deepEqual(
      kept.map((t) => t.name),
      ['age', 'er'],
    );
    assert.equal(aliased.length, 1);
    assert.match(
      aliased[0]?.reason ?? '',
      /'subtype' is constant or a linear combination of the intercept and age, er/,
    );
  });

  it('sets aside a constant column', () => {
    const { aliased } = setAsideAliasedTerms([
      numericTerm('c', new Array<number>(n).fill(3)),
      numericTerm('age', age),
    ]);
    assert.deepEqual(
      aliased.map((a) => a.name),
      ['c'],
    );
  });

  it('lets stepwise AIC run on the kept terms where the full design would be singular', () => {
    const terms = [
      numericTerm('age', age),
      numericTerm('er', er),
      factorTerm('subtype', subtype, ['HER2', 'HRpos', 'TN']),
    ];
    assert.throws(() => stepwiseAic(terms, y), /singular|linear combination/);
    const { kept } = setAsideAliasedTerms(terms);
    const result = stepwiseAic(kept, y);
    assert.ok(result.terms.length <= 2);
  });
});

/**
 * Terms that add nothing to a design because their columns are (numerically) linear combinations of the intercept
 * and the terms before them: R's `glm` reports such coefficients as NA ("aliased") and `stepAIC` then never uses
 * them. The pipeline sets these terms aside before stepwise selection, in term order, and says which and why.
 */
import type { ModelTerm } from './stepwise.ts';

/** A term set aside, with the reason a person can act on. */
export interface AliasedTerm {
  readonly name: string;
  readonly reason: string;
}

/**
 * Walks `terms` in order with modified Gram-Schmidt over the columns [1, kept columns...]: a term is kept when every
 * one of its columns keeps a residual norm >= 1e-7 x its own norm after projection on the columns kept so far (the
 * relative tolerance of R's `Cdqrls`, 1e-7); otherwise the whole term is set aside as aliased.
 * Source: Golub & Van Loan, Matrix Computations §5.2 (modified Gram-Schmidt); R `glm.fit` / `lm.fit` tol 1e-7.
 */
export function setAsideAliasedTerms(terms: readonly ModelTerm[]): {
  kept: ModelTerm[];
  aliased: AliasedTerm[];
} {
  const n = terms[0]?.columns[0]?.length ?? 0;
  const basis: Float64Array[] = [];
  const addToBasis = (v: Float64Array): void => {
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) v[i] /= norm;
    basis.push(v);
  };
  addToBasis(new Float64Array(n).fill(1));
  const kept: ModelTerm[] = [];
  const aliased: AliasedTerm[] = [];
  for (const term of terms) {
    const candidates: Float64Array[] = [];
    let ok = true;
    for (const column of term.columns) {
      const v = Float64Array.from(column);
      let norm0 = 0;
      for (let i = 0; i < n; i++) norm0 += v[i] * v[i];
      for (const b of [...basis, ...candidates]) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += v[i] * b[i];
        for (let i = 0; i < n; i++) v[i] -= dot * b[i];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += v[i] * v[i];
      if (!(Math.sqrt(norm) >= 1e-7 * Math.sqrt(norm0)) || norm0 === 0) {
        ok = false;
        break;
      }
      const s = Math.sqrt(norm);
      for (let i = 0; i < n; i++) v[i] /= s;
      candidates.push(v);
    }
    if (ok) {
      kept.push(term);
      basis.push(...candidates);
    } else {
      const before = kept.map((t) => t.name);
      aliased.push({
        name: term.name,
        reason:
          `'${term.name}' is constant or a linear combination of ` +
          (before.length > 0 ? `the intercept and ${before.join(', ')}` : 'the intercept') +
          ' on the training rows (R would report NA coefficients), so it is left out of the model',
      });
    }
  }
  return { kept, aliased };
}

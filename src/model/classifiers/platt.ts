/**
 * Platt scaling: P(event | f) = 1 / (1 + exp(A f + B)) fitted to decision values f by maximum likelihood
 * against the regularised targets t₊ = (N₊ + 1)/(N₊ + 2), t₋ = 1/(N₋ + 2), by Newton's method with a
 * ridge of 1e-12 on the Hessian and backtracking line search, from A = 0, B = ln((N₋ + 1)/(N₊ + 1)).
 * Source: Platt (1999) "Probabilistic outputs for support vector machines"; Lin, Lin & Weng, Machine
 * Learning 68:267 (2007), the algorithm libsvm uses.
 */

/** Fitted sigmoid parameters. */
export interface PlattSigmoid {
  readonly a: number;
  readonly b: number;
}

/** The probability 1/(1 + e^{A f + B}), evaluated without overflow. */
export function plattProbability(s: PlattSigmoid, f: number): number {
  const z = s.a * f + s.b;
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}

/** Negative log-likelihood of the targets under (a, b). */
function loss(f: ArrayLike<number>, t: Float64Array, a: number, b: number): number {
  let l = 0;
  for (let i = 0; i < f.length; i++) {
    const z = a * f[i] + b;
    l += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
  }
  return l;
}

/** Fits (A, B) to decision values `f` (higher = more likely an event) and 0/1 outcomes `y`. */
export function fitPlatt(f: ArrayLike<number>, y: ArrayLike<number>): PlattSigmoid {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  const neg = y.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = Float64Array.from(y, (v) => (v === 1 ? hi : lo));
  let a = 0;
  let b = Math.log((neg + 1) / (pos + 1));
  let value = loss(f, t, a, b);
  for (let it = 0; it < 100; it++) {
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < f.length; i++) {
      const p = plattProbability({ a, b }, f[i]);
      const w = p * (1 - p);
      const d = t[i] - p;
      h11 += f[i] * f[i] * w;
      h22 += w;
      h21 += f[i] * w;
      g1 += f[i] * d;
      g2 += d;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    const slope = g1 * da + g2 * db;
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const na = a + step * da;
      const nb = b + step * db;
      const nv = loss(f, t, na, nb);
      if (nv < value + 1e-4 * step * slope) {
        a = na;
        b = nb;
        value = nv;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  return { a, b };
}

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SUPPORTED_WAVELETS, waveletBank } from '../../../../src/radiomics/filters/wavelet-banks.ts';
import { UnsupportedError } from '../../../../src/errors.ts';
import { assertClose } from '../../../support/tolerance.ts';

const TOL = { rel: 0, abs: 1e-12 };

describe('waveletBank', () => {
  for (const name of SUPPORTED_WAVELETS) {
    it(`builds an orthonormal quadrature-mirror pair for ${name}`, () => {
      const { decLo, decHi } = waveletBank(name);
      const f = decLo.length;
      let sum = 0;
      for (const v of decLo) sum += v;
      assertClose(sum, Math.SQRT2, TOL, 'sum dec_lo');
      // Orthonormal under even shifts: sum_k h[k] h[k + 2m] = delta(m); and lo/hi orthogonal.
      for (let m = 0; 2 * m < f; m++) {
        let ll = 0;
        let lh = 0;
        for (let k = 0; k + 2 * m < f; k++) {
          ll += decLo[k] * decLo[k + 2 * m];
          lh += decLo[k] * decHi[k + 2 * m];
        }
        assertClose(ll, m === 0 ? 1 : 0, TOL, `lo autocorrelation at shift ${2 * m}`);
        if (m === 0) assertClose(lh, 0, TOL, 'lo . hi');
      }
    });
  }

  it('gives dbN N vanishing moments (high-pass kills polynomials of degree < N)', () => {
    const { decHi } = waveletBank('db5');
    for (let p = 0; p < 5; p++) {
      let m = 0;
      decHi.forEach((v, k) => (m += v * k ** p));
      assertClose(m, 0, { rel: 0, abs: 1e-8 }, `moment ${p}`);
    }
  });

  it('gives coif1 its closed-form taps (rec_lo = dec_lo reversed)', () => {
    const r7 = Math.sqrt(7);
    const d = 16 * Math.SQRT2;
    const recLo = [
      (1 - r7) / d,
      (5 + r7) / d,
      (14 + 2 * r7) / d,
      (14 - 2 * r7) / d,
      (1 - r7) / d,
      (-3 + r7) / d,
    ];
    const { decLo } = waveletBank('coif1');
    recLo.forEach((v, k) => assertClose(decLo[5 - k], v, { rel: 0, abs: 1e-15 }, `tap ${k}`));
  });

  it('throws UnsupportedError naming the supported wavelets for others', () => {
    assert.throws(
      () => waveletBank('bior1.3'),
      (e: unknown) => e instanceof UnsupportedError && /coif1/.test(e.message),
    );
  });
});

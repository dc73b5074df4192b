import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stationaryWavelet3D } from '../../../../src/radiomics/filters/wavelet.ts';
import { waveletBank } from '../../../../src/radiomics/filters/wavelet-banks.ts';
import { readReference } from '../../../support/reference.ts';
import { assertClose } from '../../../support/tolerance.ts';
import { seededArray } from '../../../support/random.ts';
import type { IndexXYZ } from '../../../../src/volume/types.ts';

const EXACT = { rel: 1e-12, abs: 1e-12 };
const PYRADIOMICS_ORDER = ['LLH', 'LHL', 'LHH', 'HLL', 'HLH', 'HHL', 'HHH', 'LLL'];

/** A volume that varies along one index axis only (x = 0, y = 1, z = 2). */
function alongAxis(size: IndexXYZ, axis: number, profile: (i: number) => number): Float64Array {
  const out = new Float64Array(size[0] * size[1] * size[2]);
  for (let z = 0, i = 0; z < size[2]; z++)
    for (let y = 0; y < size[1]; y++)
      for (let x = 0; x < size[0]; x++, i++) out[i] = profile([x, y, z][axis]);
  return out;
}

describe('stationaryWavelet3D', () => {
  it("returns PyRadiomics' 8 sub-bands in its order, the approximation last", () => {
    const bands = stationaryWavelet3D(seededArray(6 * 4 * 4, 1), [6, 4, 4], waveletBank('coif1'));
    assert.deepEqual(
      bands.map((b) => b.band),
      PYRADIOMICS_ORDER,
    );
    assert.ok(bands.every((b) => b.level === 1 && b.data.length === 96));
  });

  it("follows pywt's swt alignment L[n] = sum_j dec_lo[j] x[n + F/2 - j] for haar (hand-computed)", () => {
    // x profile [1, 2, 4, 8] along x, constant along y and z: L along y and z multiplies by sum(h) = sqrt(2) each.
    const p = [1, 2, 4, 8];
    const bands = stationaryWavelet3D(
      alongAxis([4, 2, 2], 0, (i) => p[i]),
      [4, 2, 2],
      waveletBank('haar'),
    );
    const hll = bands.find((b) => b.band === 'HLL');
    const lll = bands.find((b) => b.band === 'LLL');
    assert.ok(hll && lll);
    for (let n = 0; n < 4; n++) {
      const next = p[(n + 1) % 4];
      // dec_hi(haar) = [-1, 1]/sqrt2: H[n] = (x[n] - x[n+1]) / sqrt2; then x2 from the two low-pass axes.
      assertClose(hll.data[n], ((p[n] - next) / Math.SQRT2) * 2, EXACT, `HLL[${n}]`);
      assertClose(lll.data[n], ((p[n] + next) / Math.SQRT2) * 2, EXACT, `LLL[${n}]`);
    }
  });

  it('puts the first name letter on x, the second on y, the third on z (SimpleITK array axes reversed)', () => {
    const size: IndexXYZ = [8, 8, 8];
    for (const [axis, band] of [
      [0, 'HLL'],
      [1, 'LHL'],
      [2, 'LLH'],
    ] as Array<[number, string]>) {
      const bands = stationaryWavelet3D(
        alongAxis(size, axis, (i) => i * i),
        size,
        waveletBank('coif1'),
      );
      for (const b of bands.slice(0, 7)) {
        const energy = b.data.reduce((s, v) => s + v * v, 0);
        if (b.band === band) assert.ok(energy > 1, `${b.band} should carry the variation along axis ${axis}`);
        else
          assertClose(energy, 0, { rel: 0, abs: 1e-18 }, `${b.band} energy for a profile along axis ${axis}`);
      }
    }
  });

  it('places a coif1 impulse response at n = p - F/2 + j (odd size padded by wrap)', () => {
    const r7 = Math.sqrt(7);
    const recLo = [1 - r7, 5 + r7, 14 + 2 * r7, 14 - 2 * r7, 1 - r7, -3 + r7].map(
      (v) => v / (16 * Math.SQRT2),
    );
    const decHi = recLo.map((v, k) => (k % 2 === 0 ? -v : v));
    const size: IndexXYZ = [11, 2, 2];
    const p = 5;
    const bands = stationaryWavelet3D(
      alongAxis(size, 0, (i) => (i === p ? 1 : 0)),
      size,
      waveletBank('coif1'),
    );
    const hll = bands.find((b) => b.band === 'HLL');
    assert.ok(hll);
    for (let n = 0; n < 11; n++) {
      const j = n + 3 - p; // tap index reading x[p]
      const expected = j >= 0 && j < 6 ? 2 * decHi[j] : 0;
      assertClose(hll.data[n], expected, EXACT, `HLL[${n}]`);
    }
  });

  it('names later levels wavelet<k> and returns only the last approximation', () => {
    const bands = stationaryWavelet3D(seededArray(8 * 6 * 4, 3), [8, 6, 4], waveletBank('haar'), {
      startLevel: 1,
      levels: 2,
    });
    assert.equal(bands.length, 15);
    assert.deepEqual(bands.map((b) => `${b.level}${b.band}`).slice(6, 9), ['1HHH', '2LLH', '2LHL']);
    assert.equal(bands[14].band, 'LLL');
    assert.equal(bands[14].level, 2);
  });

  it('evaluates an output box equal to the whole-image result, also across the periodic edges', () => {
    const size: IndexXYZ = [15, 12, 9];
    const x = seededArray(15 * 12 * 9, 5);
    const bank = waveletBank('coif1');
    const whole = stationaryWavelet3D(x, size, bank, { levels: 2, startLevel: 1 });
    const box = { lo: [0, 4, 6] as IndexXYZ, hi: [3, 11, 8] as IndexXYZ };
    const part = stationaryWavelet3D(x, size, bank, { levels: 2, startLevel: 1, outputBox: box });
    part.forEach((b, k) => {
      let w = 0;
      for (let z = box.lo[2]; z <= box.hi[2]; z++)
        for (let y = box.lo[1]; y <= box.hi[1]; y++)
          for (let xx = box.lo[0]; xx <= box.hi[0]; xx++, w++) {
            const v = whole[k].data[xx + size[0] * (y + size[1] * z)];
            assertClose(b.data[w], v, EXACT, `${b.level}${b.band} at ${xx},${y},${z}`);
          }
    });
  });

  it('is not checkable against the PyRadiomics baseline wavelet.npy, which holds no wavelet output', () => {
    // PyRadiomics' tests/test_wavelet.py compares `im_arr[ma_arr]` of the ORIGINAL image (not the filtered one) with
    // this file, for its downloaded synthetic cases test_wavelet_64x64x64 / 37x37x37. It is therefore 8 copies of the
    // same 2109 unfiltered uint8 voxel values (128 or 255): no sub-band of a two-valued image is two-valued and equal
    // in all 8 bands, and the input images are not in the reference data. This test pins those facts.
    const bytes = readReference('pyradiomics', 'baseline', 'wavelet.npy');
    const headerLength = bytes[8] | (bytes[9] << 8);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
    assert.match(header, /'descr': '\|u1'/);
    assert.match(header, /'shape': \(8, 2109\)/);
    const body = bytes.subarray(10 + headerLength);
    assert.equal(body.length, 8 * 2109);
    const values = new Set(body);
    assert.deepEqual(
      [...values].sort((a, b) => a - b),
      [128, 255],
    );
    for (let r = 1; r < 8; r++)
      assert.deepEqual(body.subarray(r * 2109, (r + 1) * 2109), body.subarray(0, 2109));
  });
});

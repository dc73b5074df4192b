import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inverseStationaryWavelet3D } from '../../../../src/radiomics/filters/wavelet-inverse.ts';
import { stationaryWavelet3D } from '../../../../src/radiomics/filters/wavelet.ts';
import { waveletBank } from '../../../../src/radiomics/filters/wavelet-banks.ts';
import { assertClose } from '../../../support/tolerance.ts';
import { seededArray } from '../../../support/random.ts';
import type { IndexXYZ } from '../../../../src/volume/types.ts';

const TOL = { rel: 0, abs: 1e-9 };

function reconstructionError(size: IndexXYZ, wavelet: string, axes: number[], seed: number): number {
  const n = size[0] * size[1] * size[2];
  const x = seededArray(n, seed);
  const bank = waveletBank(wavelet);
  const bands = stationaryWavelet3D(x, size, bank, { axes, keepPadding: true });
  const padded: IndexXYZ = [size[0] + (size[0] % 2), size[1] + (size[1] % 2), size[2] + (size[2] % 2)];
  const y = inverseStationaryWavelet3D(bands, padded, bank, axes);
  let worst = 0;
  for (let z = 0; z < size[2]; z++) {
    for (let yy = 0; yy < size[1]; yy++) {
      for (let xx = 0; xx < size[0]; xx++) {
        const v = y[xx + padded[0] * (yy + padded[1] * z)];
        worst = Math.max(worst, Math.abs(v - x[xx + size[0] * (yy + size[1] * z)]));
      }
    }
  }
  return worst;
}

describe('inverseStationaryWavelet3D', () => {
  for (const [size, wavelet] of [
    [[8, 6, 4], 'coif1'],
    [[9, 7, 5], 'coif1'],
    [[12, 10, 6], 'haar'],
    [[11, 13, 3], 'db4'],
    [[5, 3, 1], 'coif1'],
  ] as Array<[IndexXYZ, string]>) {
    it(`reconstructs a random ${size.join('x')} volume from its 8 ${wavelet} sub-bands to 1e-9`, () => {
      assertClose(reconstructionError(size, wavelet, [0, 1, 2], 42), 0, TOL, 'max |x - iswt(swt(x))|');
    });
  }

  it('reconstructs from the 4 bands of a 2D (force2D) transform to 1e-9', () => {
    assertClose(reconstructionError([10, 9, 3], 'coif1', [0, 1], 7), 0, TOL, 'max |x - iswt(swt(x))|');
  });

  it('throws when a band of the level is missing', () => {
    const bank = waveletBank('haar');
    const bands = stationaryWavelet3D(seededArray(64, 1), [4, 4, 4], bank).filter((b) => b.band !== 'HHH');
    assert.throws(() => inverseStationaryWavelet3D(bands, [4, 4, 4], bank), /band HHH is missing/);
  });
});

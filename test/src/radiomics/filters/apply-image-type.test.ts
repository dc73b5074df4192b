import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyImageType } from '../../../../src/radiomics/filters/apply-image-type.ts';
import { filterReach } from '../../../../src/radiomics/filters/reach.ts';
import { maxAbsolute } from '../../../../src/radiomics/filters/intensity.ts';
import { DEFAULT_SETTINGS } from '../../../../src/radiomics/settings.ts';
import type { RadiomicsSettings } from '../../../../src/radiomics/settings.ts';
import type { FilterImageType } from '../../../../src/radiomics/filters/reach.ts';
import type { IndexBox, IndexXYZ, Vec3 } from '../../../../src/volume/types.ts';
import { SettingsError } from '../../../../src/errors.ts';
import { assertClose } from '../../../support/tolerance.ts';
import { seededArray } from '../../../support/random.ts';

const SIZE: IndexXYZ = [44, 40, 30];
const SPACING: Vec3 = [0.8, 0.9, 2];
const DATA = seededArray(SIZE[0] * SIZE[1] * SIZE[2], 2024, -1000, 1500);
const WHOLE = { size: SIZE, spacingMm: SPACING, data: DATA };
const BOX: IndexBox = { lo: [14, 12, 11], hi: [27, 25, 17] };
const SETTINGS: RadiomicsSettings = { ...DEFAULT_SETTINGS, sigma: [1, 2] };

function crop(data: Float64Array, size: IndexXYZ, box: IndexBox): Float64Array {
  const out: number[] = [];
  for (let z = box.lo[2]; z <= box.hi[2]; z++)
    for (let y = box.lo[1]; y <= box.hi[1]; y++)
      for (let x = box.lo[0]; x <= box.hi[0]; x++) out.push(data[x + size[0] * (y + size[1] * z)]);
  return Float64Array.from(out);
}

function grow(box: IndexBox, r: IndexXYZ, size: IndexXYZ): IndexBox {
  const lo = (a: number): number => Math.max(0, box.lo[a] - r[a]);
  const hi = (a: number): number => Math.min(size[a] - 1, box.hi[a] + r[a]);
  return { lo: [lo(0), lo(1), lo(2)], hi: [hi(0), hi(1), hi(2)] };
}

function boxSize(b: IndexBox): IndexXYZ {
  return [b.hi[0] - b.lo[0] + 1, b.hi[1] - b.lo[1] + 1, b.hi[2] - b.lo[2] + 1];
}

/** Filters the box padded by filterReach as an image of its own and returns the box part, per derived image. */
function cropFiltered(type: FilterImageType, box: IndexBox, float32 = true): Map<string, Float64Array> {
  const padded = grow(box, filterReach(type, SETTINGS, SPACING), SIZE);
  const pSize = boxSize(padded);
  const inner: IndexBox = {
    lo: [box.lo[0] - padded.lo[0], box.lo[1] - padded.lo[1], box.lo[2] - padded.lo[2]],
    hi: [box.hi[0] - padded.lo[0], box.hi[1] - padded.lo[1], box.hi[2] - padded.lo[2]],
  };
  const images = applyImageType(
    type,
    { size: pSize, spacingMm: SPACING, data: crop(DATA, SIZE, padded) },
    SETTINGS,
    { wholeImageMaxAbs: maxAbsolute(DATA), float32 },
  );
  return new Map(images.map((d) => [d.imageTypeName, crop(d.data, pSize, inner)]));
}

function wholeFiltered(type: FilterImageType, box: IndexBox, float32 = true): Map<string, Float64Array> {
  const images = applyImageType(type, WHOLE, SETTINGS, { float32 });
  return new Map(images.map((d) => [d.imageTypeName, crop(d.data, SIZE, box)]));
}

function assertSameImages(a: Map<string, Float64Array>, b: Map<string, Float64Array>, abs: number): void {
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [name, va] of a) {
    const vb = b.get(name);
    assert.ok(vb);
    va.forEach((v, i) => assertClose(v, vb[i], { rel: 0, abs }, `${name}[${i}]`));
  }
}

const M = maxAbsolute(DATA);

describe('applyImageType', () => {
  it("returns PyRadiomics' image type names", () => {
    const names = (t: FilterImageType): string[] =>
      applyImageType(t, WHOLE, SETTINGS).map((d) => d.imageTypeName);
    assert.deepEqual(names('Original'), ['original']);
    assert.deepEqual(names('Square'), ['square']);
    assert.deepEqual(names('SquareRoot'), ['squareroot']);
    assert.deepEqual(names('Logarithm'), ['logarithm']);
    assert.deepEqual(names('Exponential'), ['exponential']);
    assert.deepEqual(names('Gradient'), ['gradient']);
    assert.deepEqual(names('LoG'), ['log-sigma-1-0-mm-3D', 'log-sigma-2-0-mm-3D']);
    assert.deepEqual(names('Wavelet'), [
      'wavelet-LLH',
      'wavelet-LHL',
      'wavelet-LHH',
      'wavelet-HLL',
      'wavelet-HLH',
      'wavelet-HHL',
      'wavelet-HHH',
      'wavelet-LLL',
    ]);
  });

  for (const type of ['Square', 'SquareRoot', 'Logarithm', 'Exponential', 'Gradient', 'Wavelet'] as const) {
    it(`equals whole-image filtering inside the box when ${type} filters a crop padded by filterReach`, () => {
      assertSameImages(cropFiltered(type, BOX), wholeFiltered(type, BOX), 1e-9 * M);
    });
  }

  it('equals whole-image LoG within 1e-9 max|x| (double precision) on a crop padded by filterReach', () => {
    assertSameImages(cropFiltered('LoG', BOX, false), wholeFiltered('LoG', BOX, false), 1e-9 * M);
  });

  it("equals whole-image LoG within 1e-6 of max|x| in SimpleITK's float32 arithmetic", () => {
    assertSameImages(cropFiltered('LoG', BOX), wholeFiltered('LoG', BOX), 1e-6 * M);
  });

  it('differs from whole-image Wavelet near the image edge, where the whole image wraps around (documented limit)', () => {
    const edgeBox: IndexBox = { lo: [0, 12, 11], hi: [9, 25, 17] };
    const cropped = cropFiltered('Wavelet', edgeBox).get('wavelet-HLL');
    const whole = wholeFiltered('Wavelet', edgeBox).get('wavelet-HLL');
    assert.ok(cropped && whole);
    let worst = 0;
    cropped.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - whole[i]))));
    assert.ok(worst > 1, `a crop cannot see the wrapped-around voxels (max difference ${worst})`);
  });

  for (const type of ['Wavelet', 'Gradient', 'LoG', 'Square'] as const) {
    it(`evaluates outputBox equal to the whole image's values for ${type}, also at the image edge`, () => {
      const edgeBox: IndexBox = { lo: [0, 30, 22], hi: [9, 39, 29] };
      const part = applyImageType(type, WHOLE, SETTINGS, { outputBox: edgeBox });
      const whole = wholeFiltered(type, edgeBox);
      assertSameImages(
        new Map(part.map((d) => [d.imageTypeName, d.data])),
        whole,
        type === 'LoG' ? 1e-6 * M : 1e-9 * M,
      );
    });
  }

  it('throws SettingsError for an image type it does not know', () => {
    assert.throws(() => applyImageType('LBP3D' as FilterImageType, WHOLE, SETTINGS), SettingsError);
  });
});

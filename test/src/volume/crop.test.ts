import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  boundingBox,
  cropMask,
  cropVolume,
  padBox,
  padVolume,
  requireBoundingBox,
} from '../../../src/volume/crop.ts';
import { makeGrid } from '../../../src/volume/grid.ts';
import { MaskError } from '../../../src/errors.ts';

const grid = makeGrid([4, 3, 2], [1, 2, 3], [10, 20, 30]);
const data = Float32Array.from({ length: 24 }, (_, i) => i);

describe('boundingBox', () => {
  it('finds the inclusive box of a label', () => {
    const m = new Uint8Array(24);
    m[1 + 4 * (1 + 3 * 0)] = 2;
    m[3 + 4 * (2 + 3 * 1)] = 2;
    m[0] = 1;
    assert.deepEqual(boundingBox({ grid, data: m }, 2), { lo: [1, 1, 0], hi: [3, 2, 1] });
    assert.equal(boundingBox({ grid, data: m }, 7), null);
  });
});

describe('requireBoundingBox', () => {
  it('throws label-absent naming the labels present', () => {
    const m = new Uint8Array(24);
    m[5] = 3;
    assert.throws(
      () => requireBoundingBox({ grid, data: m }, 1),
      (e: unknown) => e instanceof MaskError && e.code === 'label-absent' && /3/.test(e.message),
    );
  });
  it('throws empty-mask for an all-zero mask', () => {
    assert.throws(
      () => requireBoundingBox({ grid, data: new Uint8Array(24) }, 1),
      (e: unknown) => e instanceof MaskError && e.code === 'empty-mask',
    );
  });
});

describe('cropVolume', () => {
  it('copies the box and moves the origin to its first voxel', () => {
    const c = cropVolume({ grid, data }, { lo: [1, 1, 1], hi: [2, 2, 1] });
    assert.deepEqual(c.grid.size, [2, 2, 1]);
    assert.deepEqual(Array.from(c.data), [17, 18, 21, 22]);
    assert.deepEqual(Array.from(c.grid.originLpsMm), [11, 22, 33]);
    const cm = cropMask({ grid, data: Uint8Array.from(data) }, { lo: [0, 0, 0], hi: [0, 0, 1] });
    assert.deepEqual(Array.from(cm.data), [0, 12]);
  });
});

describe('padBox', () => {
  it('clamps to the grid', () => {
    assert.deepEqual(padBox({ lo: [1, 1, 1], hi: [2, 1, 1] }, 5, [4, 3, 2]), {
      lo: [0, 0, 0],
      hi: [3, 2, 1],
    });
  });
});

describe('padVolume', () => {
  it('pads with a constant and shifts the origin', () => {
    const p = padVolume({ grid: makeGrid([1, 1, 1]), data: new Float64Array([7]) }, [1, 0, 0], -1);
    assert.deepEqual(Array.from(p.data), [-1, 7, -1]);
    assert.deepEqual(Array.from(p.grid.originLpsMm), [-1, 0, 0]);
  });
});

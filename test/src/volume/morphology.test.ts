import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ballOffsets, dilate, erode } from '../../../src/volume/morphology.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

describe('ballOffsets', () => {
  it('gives the 7-voxel cross for a 1 mm ball on a 1 mm grid and respects anisotropic spacing', () => {
    assert.equal(ballOffsets(1, [1, 1, 1]).length, 7);
    assert.equal(ballOffsets(1, [1, 1, 5]).length, 5);
  });
});

describe('erode', () => {
  it('erodes a 5x5x5 cube to its 3x3x3 core with a 1 mm ball, and dilate restores the cross-shaped hull', () => {
    const grid = makeGrid([7, 7, 7]);
    const m = new Uint8Array(343);
    for (let z = 1; z <= 5; z++)
      for (let y = 1; y <= 5; y++) for (let x = 1; x <= 5; x++) m[x + 7 * (y + 7 * z)] = 1;
    const e = erode(m, grid, 1);
    assert.equal(
      e.reduce((a, b) => a + b, 0),
      27,
    );
    const d = dilate(e, grid, 1);
    assert.equal(
      d.reduce((a, b) => a + b, 0),
      27 + 6 * 9,
    );
  });
});

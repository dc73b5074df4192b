import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { headClumps, outwardRunMm } from '../../../src/roi/rib-head-clumps.ts';

describe('headClumps', () => {
  it('splits the medial ends of two ribs joined across 5 mm slices at the deepest slice of the valley between them', () => {
    // Head-voxel counts per 5 mm slice of the left 3rd and 4th ribs of a real chest CT averaged to 5 mm.
    assert.deepEqual(headClumps([44, 49, 5, 4, 32, 40, 8], 5), [
      [0, 2],
      [4, 6],
    ]);
  });

  it('keeps one rib whole when its medial end only thins, when two peaks are closer than a vertebra, or when the second is a small tail', () => {
    assert.deepEqual(headClumps([20, 30, 18, 25, 10], 5), [[0, 4]]);
    assert.deepEqual(headClumps([30, 2, 30], 2.5), [[0, 2]]);
    assert.deepEqual(headClumps([40, 45, 30, 2, 0, 6, 3], 5), [[0, 6]]);
  });
});

describe('outwardRunMm', () => {
  it('measures how far bone joined to the seeds runs outwards in their slice, not in the next one', () => {
    // A 21 x 3 slab of 2 slices, 1.5 mm pixels, centre column 10: a bar from column 14 to 20 in slice 0 (6 to
    // 15 mm out, a 9 mm run) and a longer one in slice 1 that must not count.
    const w = 21;
    const h = 3;
    const bone = new Uint8Array(w * h * 2);
    for (let i = 14; i <= 20; i++) bone[i + w] = 1;
    for (let i = 12; i <= 20; i++) bone[w * h + i + w] = 1;
    assert.equal(outwardRunMm(bone, w, h, 0, [14 + w], 1.5), 9);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { labelComponents, largestComponent, neighbourOffsets } from '../../../src/volume/components.ts';

describe('neighbourOffsets', () => {
  it('has 6, 18 and 26 neighbours in 3D and 8 in 2D', () => {
    assert.equal(neighbourOffsets(6).length, 6);
    assert.equal(neighbourOffsets(18).length, 18);
    assert.equal(neighbourOffsets(26).length, 26);
    assert.equal(neighbourOffsets(26, true).length, 8);
  });
});

describe('labelComponents', () => {
  it('joins diagonal voxels with 26-connectivity but not with 6', () => {
    const fg = new Uint8Array(8);
    fg[0] = 1; // (0,0,0)
    fg[7] = 1; // (1,1,1)
    assert.deepEqual(labelComponents(fg, [2, 2, 2], 26).sizes, [2]);
    assert.deepEqual(labelComponents(fg, [2, 2, 2], 6).sizes, [1, 1]);
  });
});

describe('largestComponent', () => {
  it('keeps only the largest piece', () => {
    const fg = Uint8Array.from([1, 0, 1, 1, 1]);
    assert.deepEqual(Array.from(largestComponent(fg, [5, 1, 1], 6)), [0, 0, 1, 1, 1]);
  });
});

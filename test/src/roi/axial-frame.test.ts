import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import { findMarrowRoi } from '../../../src/roi/marrow-roi.ts';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';
import { makeCohort } from '../../../src/synth/cohort.ts';

describe('axialFrame', () => {
  it('rounds float noise off the spacing', () => {
    const grid = {
      size: [4, 4, 4] as const,
      spacingMm: [0.7, 0.7000000000000001, 4.999999999999984] as const,
      originLpsMm: [0, 0, 0] as const,
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as const,
    };
    const f = axialFrame(grid);
    assert.ok(typeof f !== 'string');
    assert.deepEqual([f.sxMm, f.syMm, f.szMm], [0.7, 0.7, 5]);
  });

  it('gives a stored series (spacing from slice positions) the ROI of its volume in memory', () => {
    // A one-level-off phantom whose labelling tipped from T6 to "neither end visible" on 4.999999999999984 mm.
    const p = makeCohort(1).find((c) => c.id === 'SYN-0100');
    assert.ok(p);
    const ph = makeChestPhantom({
      seed: p.phantomSeed,
      marrowFactor: p.marrowFactor,
      lumbarRib: true,
      firstLevel: 'T3',
    });
    const [sx, sy] = ph.image.grid.spacingMm;
    const stored = {
      ...ph.image,
      grid: { ...ph.image.grid, spacingMm: [sx, sy, 4.999999999999984] as const },
    };
    const a = findMarrowRoi(ph.image);
    const b = findMarrowRoi(stored);
    assert.equal(a.level, 'T6');
    assert.equal(b.level, a.level);
    assert.deepEqual(b.levels, a.levels);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { groupRibLevels, ribShaftFarBelow } from '../../../src/roi/rib-levels.ts';
import type { RibHead } from '../../../src/roi/rib-heads.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

// 2 mm slices, z index increasing towards the head (slice k at z = 2k mm).
const f = axialFrame(makeGrid([8, 8, 100], [1, 1, 2]));
if (typeof f === 'string') throw new Error(f);
const frame = f;
const head = (side: RibHead['side'], zMm: number, reachMm = 120, medial = true): RibHead => ({
  side,
  z: zMm / 2,
  reachMm,
  medial,
});

describe('groupRibLevels', () => {
  it('pairs left and right heads a few mm apart and keeps levels a vertebra apart separate', () => {
    const levels = groupRibLevels(
      [head('left', 150), head('right', 146), head('left', 128), head('right', 126), head('right', 104)],
      frame,
    );
    assert.deepEqual(
      levels.map((l) => [l.z * 2, l.left, l.right]),
      [
        [148, true, true],
        [127, true, true],
        [104, false, true],
      ],
    );
  });

  it('takes two heads of one side 8 mm apart for one rib in two pieces', () => {
    const levels = groupRibLevels(
      [head('left', 150), head('left', 128), head('left', 120), head('left', 100), head('left', 78)],
      frame,
    );
    assert.equal(levels.length, 4);
    assert.equal(levels[1].z * 2, 124);
  });
});

describe('groupRibLevels with floating ribs', () => {
  it('adds a rib seen only from its shaft just below the last rib with a head, and drops one further down', () => {
    const heads = [head('left', 180), head('left', 158), head('left', 136), head('right', 112, 100, false)];
    assert.deepEqual(
      groupRibLevels(heads, frame).map((l) => l.z * 2),
      [180, 158, 136, 112],
    );
    const far = [head('left', 180), head('left', 158), head('left', 136), head('right', 80, 100, false)];
    assert.equal(groupRibLevels(far, frame).length, 3);
  });
});

describe('groupRibLevels at the ends of the rib run', () => {
  it('drops a one-sided short bone just above the first pair (a cervical rib or a long C7 process)', () => {
    const heads = [head('right', 200, 68), head('left', 176), head('right', 172), head('left', 150)];
    assert.deepEqual(
      groupRibLevels(heads, frame).map((l) => l.z * 2),
      [174, 150],
    );
  });

  it('keeps two heads of one side 12 mm apart as two ribs', () => {
    const heads = [
      head('left', 194),
      head('left', 172),
      head('left', 150),
      head('right', 150),
      head('left', 138),
    ];
    assert.deepEqual(
      groupRibLevels(heads, frame).map((l) => [l.z * 2, l.left, l.right]),
      [
        [194, true, false],
        [172, true, false],
        [150, true, true],
        [138, true, false],
      ],
    );
  });
});

describe('groupRibLevels below the last rib with a head', () => {
  it('takes at most two ribs seen only from their shafts (the floating 11th and 12th)', () => {
    const heads = [
      head('left', 190),
      head('left', 168),
      head('left', 146, 100, false),
      head('left', 124, 100, false),
      // A third shaft a level lower: a floating rib's shaft in two pieces, beside the vertebra below its own.
      head('left', 104, 100, false),
    ];
    assert.deepEqual(
      groupRibLevels(heads, frame).map((l) => l.z * 2),
      [190, 168, 146, 124],
    );
  });
});

describe('ribShaftFarBelow', () => {
  it('is true for a rib shaft more than 1.7 level spacings below the last rib level, not for the next rib down', () => {
    const heads = [head('left', 190), head('left', 168), head('left', 146)];
    const levels = groupRibLevels(heads, frame);
    // Spacing 22 mm: 1.7 spacings is 37.4 mm below 146 mm.
    assert.equal(ribShaftFarBelow([...heads, head('right', 124, 100, false)], levels, frame), false);
    assert.equal(ribShaftFarBelow([...heads, head('right', 100, 100, false)], levels, frame), true);
    assert.equal(ribShaftFarBelow(heads, levels, frame), false);
  });
});

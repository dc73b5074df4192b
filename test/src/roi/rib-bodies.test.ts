import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alignWithRibLevels, bodiesFromRibLevels, fillRibLevels } from '../../../src/roi/rib-bodies.ts';
import { groupRibLevels } from '../../../src/roi/rib-levels.ts';
import type { RibHead } from '../../../src/roi/rib-heads.ts';
import { buildSegment } from '../../../src/roi/vertebra-levels.ts';
import type { SpineTrack } from '../../../src/roi/spine-track.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

// 2 mm slices, z index increasing towards the head (slice k at z = 2k mm).
const NZ = 100;
const f = axialFrame(makeGrid([8, 8, NZ], [1, 1, 2]));
if (typeof f === 'string') throw new Error(f);
const frame = f;
const track: SpineTrack = {
  cx: new Float64Array(NZ),
  cy: new Float64Array(NZ),
  bodyFraction: new Float64Array(NZ).fill(1),
  coreMeanHu: new Float64Array(NZ).fill(200),
  ribLeft: new Uint8Array(NZ),
  ribRight: new Uint8Array(NZ),
  pelvisMm2: new Float64Array(NZ),
};
const head = (side: RibHead['side'], zMm: number, reachMm = 120, medial = true): RibHead => ({
  side,
  z: zMm / 2,
  reachMm,
  medial,
});
/** Slices from zTop down to zBottom (mm, inclusive), superior first. */
const body = (zTop: number, zBottom: number) => {
  const slices: number[] = [];
  for (let z = zTop; z >= zBottom; z -= 2) slices.push(z / 2);
  return buildSegment(slices, track, frame, false);
};

describe('alignWithRibLevels', () => {
  it('splits a body holding two rib levels at the lower heads and marks both rib-bearing', () => {
    const segs = [body(198, 184), body(180, 140), body(136, 118)];
    const levels = groupRibLevels([head('left', 180), head('left', 158)], frame);
    const out = alignWithRibLevels(segs, levels, track, frame);
    assert.deepEqual(
      out.map((s) => [s.slices[0] * 2, s.slices[s.slices.length - 1] * 2, s.ribbed]),
      [
        [198, 184, false],
        [180, 160, true],
        [158, 140, true],
        [136, 118, false],
      ],
    );
  });

  it('merges the pieces of a body cut between two rib levels, with the slices between them', () => {
    const segs = [body(178, 168), body(164, 158), body(154, 146), body(142, 124)];
    const levels = groupRibLevels([head('right', 182), head('right', 146)], frame);
    const out = alignWithRibLevels(segs, levels, track, frame);
    assert.deepEqual(
      out.map((s) => [s.slices[0] * 2, s.slices[s.slices.length - 1] * 2, s.ribbed]),
      [
        [178, 146, true],
        [142, 124, true],
      ],
    );
  });

  it('does not merge across vertebrae when rib levels are further apart than a vertebra can be', () => {
    const segs = [body(198, 180), body(176, 158), body(154, 136), body(132, 110)];
    const levels = groupRibLevels([head('left', 202), head('left', 180), head('left', 114)], frame);
    const out = alignWithRibLevels(segs, levels, track, frame);
    assert.equal(out.length, 4);
    assert.deepEqual(
      out.map((s) => s.ribbed),
      [true, true, false, true],
    );
  });
});

describe('alignWithRibLevels below the last body', () => {
  it('marks the last rib-bearing body when a rib level below it finds no body of its own', () => {
    const segs = [body(198, 180), body(176, 158), body(120, 118), body(100, 80)];
    const levels = groupRibLevels([head('left', 202), head('left', 180), head('left', 140)], frame);
    const out = alignWithRibLevels(segs, levels, track, frame);
    assert.deepEqual(
      out.map((s) => [s.ribbed, s.ribBelowUnplaced === true]),
      [
        [true, false],
        [true, true],
        [false, false],
        [false, false],
      ],
    );
    const placed = alignWithRibLevels(segs.slice(0, 2), levels.slice(0, 2), track, frame);
    assert.deepEqual(
      placed.map((s) => s.ribBelowUnplaced === true),
      [false, false],
    );
  });
});

describe('fillRibLevels', () => {
  it('fills one level into a gap of 1.5 spacings and none into a gap of 1.2', () => {
    const zs = [190, 168, 146, 124, 91, 65];
    const levels = groupRibLevels(
      zs.map((z) => head('left', z)),
      frame,
    );
    // Spacing 22 mm (the median gap): 124 -> 91 is 33 mm (1.5x), 91 -> 65 is 26 mm (1.2x).
    assert.deepEqual(
      fillRibLevels(levels, frame).map((l) => l.z * 2),
      [190, 168, 146, 124, 107.5, 91, 65],
    );
  });
});

describe('bodiesFromRibLevels', () => {
  it('makes each vertebra the slices below its rib level down to the next head, the slices above one rib-free body', () => {
    const levels = groupRibLevels([head('left', 190), head('right', 170), head('left', 150)], frame);
    const out = bodiesFromRibLevels([], levels, track, frame);
    assert.deepEqual(
      out.map((s) => [s.slices[0] * 2, s.slices[s.slices.length - 1] * 2, s.ribbed]),
      [
        [198, 190, false],
        [188, 170, true],
        [168, 150, true],
        [148, 130, true],
      ],
    );
  });
});

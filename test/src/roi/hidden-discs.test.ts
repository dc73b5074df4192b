import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitAtHiddenDiscs } from '../../../src/roi/hidden-discs.ts';
import { groupRibLevels } from '../../../src/roi/rib-levels.ts';
import type { RibHead } from '../../../src/roi/rib-heads.ts';
import { buildSegment } from '../../../src/roi/vertebra-levels.ts';
import type { SpineTrack } from '../../../src/roi/spine-track.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import type { AxialFrame } from '../../../src/roi/axial-frame.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

const NZ = 40;
function frameOf(sliceMm: number): AxialFrame {
  const f = axialFrame(makeGrid([8, 8, NZ], [1, 1, sliceMm]));
  if (typeof f === 'string') throw new Error(f);
  return f;
}
/** A track whose body core reads 250 HU, 320 HU at the slices listed (a disc with both endplates). */
function trackWith(peaks: readonly number[]): SpineTrack {
  const core = new Float64Array(NZ).fill(250);
  for (const k of peaks) core[k] = 320;
  return {
    cx: new Float64Array(NZ),
    cy: new Float64Array(NZ),
    bodyFraction: new Float64Array(NZ).fill(1),
    coreMeanHu: core,
    ribLeft: new Uint8Array(NZ),
    ribRight: new Uint8Array(NZ),
    pelvisMm2: new Float64Array(NZ),
  };
}
const head = (side: RibHead['side'], k: number): RibHead => ({ side, z: k, reachMm: 120, medial: true });
/** Slices k0 down to k1 (superior first; z index increases towards the head). */
const run = (k0: number, k1: number): number[] => Array.from({ length: k0 - k1 + 1 }, (_, i) => k0 - i);

describe('splitAtHiddenDiscs', () => {
  it('cuts a body at a denser slice beside a rib head on 5 mm slices, leaving that slice out', () => {
    const f = frameOf(5);
    const track = trackWith([24]);
    // A body over slices 36..32 with the first rib level, one over 30..19 holding the next rib level's heads at
    // slice 24.3 beside the endplate peak at 24.
    const found = [buildSegment(run(36, 32), track, f, false), buildSegment(run(30, 19), track, f, false)];
    const levels = groupRibLevels([head('left', 34.3), head('left', 24.3), head('right', 24.3)], f);
    const out = splitAtHiddenDiscs(found, levels, track, f);
    assert.deepEqual(
      out.map((s) => [s.slices[0], s.slices[s.slices.length - 1]]),
      [
        [36, 32],
        [30, 25],
        [23, 19],
      ],
    );
  });

  it('leaves the first rib level alone: the first rib articulates with T1 alone, below the C7/T1 disc', () => {
    const f = frameOf(5);
    const track = trackWith([24]);
    const found = [buildSegment(run(30, 19), track, f, false)];
    const levels = groupRibLevels([head('left', 24.3), head('right', 24.3)], f);
    assert.equal(splitAtHiddenDiscs(found, levels, track, f).length, 1);
  });

  it('keeps the body whole without a peak, with a peak away from the heads, or on 3 mm slices', () => {
    const levels = (f: AxialFrame) =>
      groupRibLevels([head('left', 34.3), head('left', 24.3), head('right', 24.3)], f);
    for (const [sliceMm, peaks] of [
      [5, []],
      [5, [28]],
      [3, [24]],
    ] as const) {
      const f = frameOf(sliceMm);
      const track = trackWith(peaks);
      const found = [buildSegment(run(36, 32), track, f, false), buildSegment(run(30, 19), track, f, false)];
      assert.equal(splitAtHiddenDiscs(found, levels(f), track, f).length, 2, `${sliceMm} mm, ${peaks}`);
    }
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  firstRibNecks,
  markFirstRib,
  neckAboveFirstRib,
  ribAboveInView,
} from '../../../src/roi/first-rib.ts';
import { groupRibLevels } from '../../../src/roi/rib-levels.ts';
import type { RibHead, RibNeck } from '../../../src/roi/rib-heads.ts';
import type { Segment } from '../../../src/roi/vertebra-levels.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import type { AxialFrame } from '../../../src/roi/axial-frame.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

// 5 mm slices, z index increasing towards the head: slice k at z = 5k mm.
function frameOf(nz: number): AxialFrame {
  const f = axialFrame(makeGrid([8, 8, nz], [1, 1, 5]));
  if (typeof f === 'string') throw new Error(f);
  return f;
}
const frame = frameOf(40);
const head = (side: RibHead['side'], zMm: number, reachMm = 120): RibHead => ({
  side,
  z: zMm / 5,
  reachMm,
  medial: true,
});
const neck = (side: RibNeck['side'], zMm: number, reachMm = 55): RibNeck => ({ side, z: zMm / 5, reachMm });
/** Rib levels every 20 mm from 150 mm down, both sides. */
const ribs = (top = 150): RibHead[] =>
  [0, 1, 2, 3].flatMap((i) => [head('left', top - 20 * i), head('right', top - 20 * i)]);

describe('firstRibNecks', () => {
  it('finds a neck on each side one level above the first rib level, at their mean height', () => {
    const levels = groupRibLevels(ribs(), frame);
    const pair = firstRibNecks(levels, [neck('left', 172), neck('right', 166, 52)], [], frame);
    assert.ok(pair !== null);
    assert.equal(pair.z * 5, 169);
    assert.deepEqual([pair.left, pair.right, pair.reachMm], [true, true, 55]);
  });

  it('pairs necks as far apart as half a level gap and one slice (thick slices step by a slice)', () => {
    const levels = groupRibLevels(ribs(), frame);
    assert.ok(firstRibNecks(levels, [neck('left', 176), neck('right', 162)], [], frame) !== null);
    assert.equal(firstRibNecks(levels, [neck('left', 178), neck('right', 162)], [], frame), null);
  });

  it('finds none when one side has no neck (a cervical rib is usually one-sided)', () => {
    const levels = groupRibLevels(ribs(), frame);
    assert.equal(firstRibNecks(levels, [neck('left', 170)], [], frame), null);
  });

  it('finds none at the first rib level itself or two levels above it', () => {
    const levels = groupRibLevels(ribs(), frame);
    assert.equal(firstRibNecks(levels, [neck('left', 155), neck('right', 154)], [], frame), null);
    assert.equal(firstRibNecks(levels, [neck('left', 192), neck('right', 190)], [], frame), null);
  });

  it('pairs a neck with a short one-sided head left out of the rib levels', () => {
    const heads = [head('right', 170, 68), ...ribs()];
    const levels = groupRibLevels(heads, frame);
    assert.equal(levels[0].z * 5, 150);
    const pair = firstRibNecks(levels, [neck('left', 172)], heads, frame);
    assert.ok(pair !== null);
    assert.equal(pair.z * 5, 171);
  });
});

describe('neckAboveFirstRib', () => {
  it('is true for a neck on either side within 1.5 level gaps above the first rib level', () => {
    const levels = groupRibLevels(ribs(), frame);
    assert.equal(neckAboveFirstRib(levels, [neck('right', 168)], frame), true);
    assert.equal(neckAboveFirstRib(levels, [neck('right', 185)], frame), false);
    assert.equal(neckAboveFirstRib(levels, [neck('right', 140)], frame), false);
    assert.equal(neckAboveFirstRib(levels, [], frame), false);
  });
});

describe('ribAboveInView', () => {
  it('is true when the scan reaches 1.2 level gaps and half a slice above the first rib level', () => {
    // First level at 150 mm, gaps of 20 mm: a rib above would lie near 170 mm; 1.2 gaps + 2.5 mm = 26.5 mm.
    const levels = groupRibLevels(ribs(), frame);
    assert.equal(ribAboveInView(levels, frameOf(36)), true); // top slice 175 mm, edge 177.5 mm
    assert.equal(ribAboveInView(levels, frameOf(35)), false); // top slice 170 mm, edge 172.5 mm
  });
});

describe('markFirstRib', () => {
  const seg = (ribbed: boolean): Segment => ({
    slices: [1],
    heightMm: 5,
    truncated: false,
    ribbed,
    ribReachMm: ribbed ? 120 : 0,
    coreMeanHu: 200,
    pelvic: false,
    lateralBoneMm2: 0,
    label: 0,
  });

  it('marks only the first rib-bearing body', () => {
    const levels = groupRibLevels(ribs(), frame);
    const out = markFirstRib([seg(false), seg(true), seg(true)], levels, true, frameOf(36));
    assert.deepEqual(
      out.map((s) => [s.ribAboveInView, s.notFirstRib]),
      [
        [undefined, undefined],
        [true, true],
        [undefined, undefined],
      ],
    );
  });

  it('marks it as no first rib when its rib was found on one side only, and as one when on both', () => {
    const bilateral = groupRibLevels(ribs(), frame);
    const oneSided = groupRibLevels([head('left', 150), ...ribs(130)], frame);
    const mark = (levels: typeof bilateral) =>
      markFirstRib([seg(false), seg(true)], levels, false, frameOf(36))[1].notFirstRib;
    assert.equal(mark(bilateral), false);
    assert.equal(mark(oneSided), true);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findRibBones, findRibHeads } from '../../../src/roi/rib-heads.ts';
import { findCanalPath } from '../../../src/roi/canal-path.ts';
import { trackSpine } from '../../../src/roi/spine-track.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import { FIRST_RIB_REACH_MM } from '../../../src/roi/vertebra-levels.ts';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

describe('findRibHeads', () => {
  it('finds the twelve rib pairs of a phantom within 8 mm of their true heads, the first rib the shortest', () => {
    const p = makeChestPhantom({ size: [256, 256], pixelMm: 1.4, seed: 1001 });
    const f = axialFrame(p.image.grid);
    assert.ok(typeof f !== 'string');
    const canal = findCanalPath(p.image, f);
    assert.ok(typeof canal !== 'string');
    const ahead = (22 / f.syMm) * f.posteriorSign;
    const track = trackSpine(p.image, f, { x: canal.x, y: canal.y.map((y) => y - ahead), halfYMm: 20 });
    const heads = findRibHeads(p.image, f, track);
    assert.equal(heads.filter((h) => h.side === 'left').length, 12);
    assert.equal(heads.filter((h) => h.side === 'right').length, 12);
    const truth = p.truth.anatomy.ribs.map((r) => r.zHeadMm);
    for (const h of heads) {
      const zMm = f.zLpsMm(h.z);
      const nearest = Math.min(...truth.map((t) => Math.abs(t - zMm)));
      assert.ok(
        nearest <= 8,
        `${h.side} head at ${zMm.toFixed(0)} mm is ${nearest.toFixed(0)} mm from a true head`,
      );
    }
    // Rib 1 (the top pair) turns forward early; ribs 2..12 run on laterally.
    const top = Math.max(...heads.map((h) => f.zLpsMm(h.z)));
    for (const h of heads) {
      const first: boolean = Math.abs(f.zLpsMm(h.z) - top) < 8;
      assert.equal(
        h.reachMm < FIRST_RIB_REACH_MM,
        first,
        `${h.side} at ${f.zLpsMm(h.z).toFixed(0)}: ${h.reachMm} mm`,
      );
    }
  });
});

describe('findRibBones', () => {
  // 1 mm pixels, 5 mm slices, z index increasing towards the head; a vertebral body (300 HU, 15 mm radius) on the
  // spine track at (128, 128); bones at 700 HU; y increases towards the back.
  const NZ = 20;
  const grid = makeGrid([256, 256, NZ], [1, 1, 5]);
  const data = new Float32Array(256 * 256 * NZ).fill(40);
  const box = (x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, hu: number): void => {
    for (let z = z0; z <= z1; z++)
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data[x + 256 * (y + 256 * z)] = hu;
  };
  for (let z = 0; z < NZ; z++)
    for (let y = 113; y <= 143; y++)
      for (let x = 113; x <= 143; x++)
        if ((x - 128) ** 2 + (y - 128) ** 2 <= 225) data[x + 256 * (y + 256 * z)] = 300;
  // A first rib's neck on the patient's left (+x): from beside the body 55 mm out, behind the centre, two slices.
  box(148, 183, 133, 140, 14, 15, 700);
  // A rib on the right: from beside the body 110 mm out.
  box(18, 108, 133, 140, 14, 15, 700);
  // A bone as far out but six slices (30 mm) tall on the left, and one in front of the body on the right.
  box(148, 183, 133, 140, 2, 7, 700);
  box(73, 108, 96, 104, 10, 11, 700);
  const f = axialFrame(grid);
  if (typeof f === 'string') throw new Error(f);
  const track = {
    cx: new Float64Array(NZ).fill(128),
    cy: new Float64Array(NZ).fill(128),
    bodyFraction: new Float64Array(NZ).fill(1),
    coreMeanHu: new Float64Array(NZ).fill(300),
    ribLeft: new Uint8Array(NZ),
    ribRight: new Uint8Array(NZ),
    pelvisMm2: new Float64Array(NZ),
  };

  it('keeps a short bone beside the body reaching 48..65 mm out as a rib neck, apart from the rib heads', () => {
    const { heads, necks } = findRibBones({ grid, data }, f, track);
    assert.deepEqual(
      heads.map((h) => [h.side, h.z, h.medial]),
      [['right', 14.5, true]],
    );
    assert.equal(necks.length, 1);
    assert.equal(necks[0].side, 'left');
    assert.equal(necks[0].z, 14.5);
    assert.ok(necks[0].reachMm >= 54 && necks[0].reachMm <= 57, `reach ${necks[0].reachMm}`);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findRibHeads } from '../../../src/roi/rib-heads.ts';
import { findCanalPath } from '../../../src/roi/canal-path.ts';
import { trackSpine } from '../../../src/roi/spine-track.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import { FIRST_RIB_REACH_MM } from '../../../src/roi/vertebra-levels.ts';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';

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

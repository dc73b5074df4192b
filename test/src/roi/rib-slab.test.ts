import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FRONT_MM, PIXEL_MM, ribSlab } from '../../../src/roi/rib-slab.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

describe('ribSlab', () => {
  // 1 mm pixels, two 5 mm slices; a vertebral body (300 HU, 15 mm radius) on the track at (128, 128) and, on the
  // patient's left (+x), a rib at 700 HU from 20 to 100 mm out, 5..12 mm behind the centre (y increases backwards).
  const grid = makeGrid([256, 256, 2], [1, 1, 5]);
  const data = new Float32Array(256 * 256 * 2).fill(40);
  for (let z = 0; z < 2; z++) {
    for (let y = 113; y <= 143; y++)
      for (let x = 113; x <= 143; x++)
        if ((x - 128) ** 2 + (y - 128) ** 2 <= 225) data[x + 256 * (y + 256 * z)] = 300;
    for (let y = 133; y <= 140; y++) for (let x = 148; x <= 228; x++) data[x + 256 * (y + 256 * z)] = 700;
  }
  const f = axialFrame(grid);
  if (typeof f === 'string') throw new Error(f);
  const track = {
    cx: new Float64Array(2).fill(128),
    cy: new Float64Array(2).fill(128),
    bodyFraction: new Float64Array(2).fill(1),
    coreMeanHu: new Float64Array(2).fill(300),
    ribLeft: new Uint8Array(2),
    ribRight: new Uint8Array(2),
    pelvisMm2: new Float64Array(2),
  };

  it('keeps the rib as bone in the straightened plane and cuts the vertebral body out', () => {
    const slab = ribSlab({ grid, data }, f, track);
    assert.deepEqual([slab.w, slab.h, slab.nz], [161, 61, 2]);
    const at = (uMm: number, vMm: number): number =>
      slab.bone[Math.round((uMm + 120) / PIXEL_MM) + slab.w * Math.round((vMm + FRONT_MM) / PIXEL_MM)];
    assert.equal(at(60, 9), 1);
    assert.equal(at(95, 9), 1);
    assert.equal(at(-60, 9), 0);
    assert.equal(at(0, 0), 0);
    assert.equal(at(10, 5), 0);
  });
});

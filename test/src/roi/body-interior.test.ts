import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractBodyInterior } from '../../../src/roi/body-interior.ts';
import { roiShapeReasons } from '../../../src/roi/body-shape.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import type { SpineTrack } from '../../../src/roi/spine-track.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

const N = 80;
const NZ = 7;
const BODY = { x: 40, y: 30, rx: 14, ry: 12 };

/**
 * A vertebra on 1 mm pixels: a body (cortex 1000 HU, marrow 200 HU) centred at column 40, and behind it a block of
 * posterior bone (700 HU, cortical) holding a canal of radius 7 mm centred `canalOffsetMm` to the side of the body's centre
 * column, its front 15 mm behind the body's centre; soft tissue (40 HU) around it and cerebrospinal fluid (20 HU)
 * in the canal.
 */
function vertebra(canalOffsetMm: number): Float32Array {
  const data = new Float32Array(N * N * NZ);
  const canal = { x: BODY.x + canalOffsetMm, y: 52, r: 7 };
  for (let k = 0; k < NZ; k++) {
    for (let y = 0; y < N; y++) {
      for (let x = 0; x < N; x++) {
        const e = ((x - BODY.x) / BODY.rx) ** 2 + ((y - BODY.y) / BODY.ry) ** 2;
        const inArch = x >= 20 && x <= 60 && y >= 40 && y <= 62;
        const inCanal = (x - canal.x) ** 2 + (y - canal.y) ** 2 <= canal.r ** 2;
        let hu = 40;
        if (inArch) hu = inCanal ? 20 : 700;
        if (e <= 1) hu = e > 0.8 ? 1000 : 200;
        data[x + N * (y + N * k)] = hu;
      }
    }
  }
  return data;
}

function track(): SpineTrack {
  return {
    cx: new Float64Array(NZ).fill(BODY.x),
    cy: new Float64Array(NZ).fill(BODY.y),
    bodyFraction: new Float64Array(NZ).fill(1),
    coreMeanHu: new Float64Array(NZ).fill(200),
    ribLeft: new Uint8Array(NZ),
    ribRight: new Uint8Array(NZ),
    pelvisMm2: new Float64Array(NZ),
  };
}

describe('extractBodyInterior', () => {
  const grid = makeGrid([N, N, NZ], [1, 1, 3]);
  const f = axialFrame(grid);
  if (typeof f === 'string') throw new Error(f);

  for (const offset of [0, 9]) {
    it(`measures the ROI centre from the canal's front with the canal ${offset} mm beside the body's centre column`, () => {
      const volume = { grid, data: vertebra(offset) };
      const roi = extractBodyInterior(volume, f, track(), [1, 2, 3, 4, 5], 2, [-200, 1200]);
      // The body's centre is 15 mm in front of the canal's front (row 30 against row 45, which the 3x3 mean
      // reads a row later); a single probe down the centre column with the canal beside it ran through the
      // posterior bone to the box's edge and read 33 mm, past the 30 mm QC limit.
      const mm = roi.shape.centroidAnteriorMm;
      assert.ok(mm >= 15 && mm <= 18, `${mm} mm`);
      assert.equal(roi.shape.centroidInBody, true);
      const sliceAreaMm2 = roi.voxels.length / 5;
      assert.deepEqual(roiShapeReasons('T6', roi.shape, sliceAreaMm2), []);
    });
  }
});

describe('extractBodyInterior on a noisy image', () => {
  const grid = makeGrid([N, N, NZ], [1, 1, 3]);
  const f = axialFrame(grid);
  if (typeof f === 'string') throw new Error(f);
  // 140 HU of white noise (a sharp kernel on thin slices), from a fixed linear congruential generator.
  const noisy = vertebra(0);
  let seed = 7;
  const uniform = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  for (let i = 0; i < noisy.length; i++) {
    noisy[i] += 140 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  }
  const clean = extractBodyInterior(
    { grid, data: vertebra(0) },
    f,
    track(),
    [1, 2, 3, 4, 5],
    2,
    [-1000, 3000],
  );
  const count = (cortexOnMean: boolean): number =>
    extractBodyInterior({ grid, data: noisy }, f, track(), [1, 2, 3, 4, 5], 2, [-1000, 3000], cortexOnMean)
      .voxels.length;

  it('keeps the interior whole when the cortex is told on the 3x3 mean', () => {
    const n = clean.voxels.length;
    // Told on single pixels, the marrow's noisy pixels above 500 HU are taken for cortex and the 2 mm erosion
    // widens each into a hole.
    assert.ok(count(false) < 0.8 * n, `${count(false)} of ${n}`);
    assert.ok(Math.abs(count(true) - n) <= 0.1 * n, `${count(true)} of ${n}`);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NOISE_LIMIT_HU, pixelNoiseHu, searchImage } from '../../../src/roi/search-image.ts';
import { axialFrame } from '../../../src/roi/axial-frame.ts';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';

const SMALL = { size: [256, 256] as const, pixelMm: 1.4 };

function frame(grid: Parameters<typeof axialFrame>[0]): Exclude<ReturnType<typeof axialFrame>, string> {
  const f = axialFrame(grid);
  if (typeof f === 'string') throw new Error(f);
  return f;
}

describe('pixelNoiseHu', () => {
  it("measures the phantom's white noise within 10 %", () => {
    for (const noiseHu of [20, 60, 120]) {
      const p = makeChestPhantom({ ...SMALL, seed: 3, noiseHu });
      const got = pixelNoiseHu(p.image, frame(p.image.grid));
      assert.ok(Math.abs(got - noiseHu) <= 0.1 * noiseHu, `${noiseHu} HU read as ${got.toFixed(1)} HU`);
    }
  });
});

describe('searchImage', () => {
  it('reads the original when the noise is at most the limit', () => {
    const p = makeChestPhantom({ ...SMALL, seed: 3, noiseHu: NOISE_LIMIT_HU - 5 });
    const s = searchImage(p.image, frame(p.image.grid));
    assert.equal(s.volume, p.image);
    assert.equal(s.smoothingMm, 0);
  });

  it("smooths a sharp kernel's noise in-plane down to about 15 HU, each slice on its own", () => {
    const p = makeChestPhantom({ ...SMALL, seed: 3, noiseHu: 100 });
    const f = frame(p.image.grid);
    const s = searchImage(p.image, f);
    assert.ok(s.smoothingMm > 0 && s.smoothingMm <= 2, `${s.smoothingMm} mm`);
    const after = pixelNoiseHu(s.volume, f);
    assert.ok(after <= 15, `${after.toFixed(1)} HU left`);
    // In-plane only: slice 1 of the copy does not change when slice 0 (not one the noise is sampled on) does.
    const plane = f.nx * f.ny;
    const changed = Float32Array.from(p.image.data);
    changed.fill(1000, 0, plane);
    const t = searchImage({ grid: p.image.grid, data: changed }, f);
    assert.equal(t.smoothingMm, s.smoothingMm);
    assert.deepEqual(t.volume.data.subarray(plane, 2 * plane), s.volume.data.subarray(plane, 2 * plane));
    assert.notDeepEqual(t.volume.data.subarray(0, plane), s.volume.data.subarray(0, plane));
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rasterToVolume } from '../../../../src/volume/io/raster.ts';
import { makeGrid } from '../../../../src/volume/grid.ts';

describe('rasterToVolume', () => {
  const raster = { grid: makeGrid([2, 1, 1]), scalarType: 'int16' as const, data: Int16Array.of(-3, 7) };

  it('records the stored scalar type when the values are not scaled', () => {
    assert.equal(rasterToVolume(raster).storedType, 'int16');
    assert.equal(rasterToVolume(raster, { slope: 1, intercept: 0 }).storedType, 'int16');
  });

  it('records no stored type when a slope or intercept rescales the values', () => {
    const v = rasterToVolume(raster, { slope: 1, intercept: -1024 });
    assert.equal(v.storedType, undefined);
    assert.deepEqual(Array.from(v.data), [-1027, -1017]);
  });
});

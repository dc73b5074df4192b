import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseNrrd, writeNrrd } from '../../../../src/volume/io/nrrd.ts';
import { rasterToMask, rasterToVolume } from '../../../../src/volume/io/raster.ts';
import { makeGrid } from '../../../../src/volume/grid.ts';
import { readReference } from '../../../support/reference.ts';
import { FileFormatError } from '../../../../src/errors.ts';

describe('parseNrrd', () => {
  it('reads the brain1 test image with its LPS geometry (negative y direction)', () => {
    const r = parseNrrd(readReference('pyradiomics', 'data', 'brain1_image.nrrd'));
    assert.equal(r.scalarType, 'int16');
    assert.deepEqual(r.grid.size, [256, 256, 25]);
    assert.ok(Math.abs(r.grid.spacingMm[0] - 0.78125) < 1e-12);
    assert.ok(Math.abs(r.grid.spacingMm[2] - 6.5) < 1e-12);
    assert.deepEqual(Array.from(r.grid.direction), [1, 0, 0, 0, -1, 0, 0, 0, 1]);
    assert.ok(Math.abs(r.grid.originLpsMm[0] + 99.609375) < 1e-9);
    assert.equal(r.data.length, 256 * 256 * 25);
  });

  it('reads an int-typed label map as a mask with label 1', () => {
    const m = rasterToMask(parseNrrd(readReference('pyradiomics', 'data', 'brain1_label.nrrd')));
    let n = 0;
    for (const v of m.data) if (v === 1) n++;
    assert.ok(n > 1000, `expected a sizeable ROI, got ${n} voxels`);
  });

  it('round-trips a volume through writeNrrd with identical values and geometry', () => {
    const grid = makeGrid([3, 2, 2], [0.5, 0.7, 2.5], [10, -20, 30], [0, 1, 0, -1, 0, 0, 0, 0, 1]);
    const data = Float32Array.from({ length: 12 }, (_, i) => i * 1.5 - 4);
    const back = rasterToVolume(parseNrrd(writeNrrd({ grid, data })));
    assert.deepEqual(Array.from(back.data), Array.from(data));
    assert.deepEqual(back.grid.size, grid.size);
    for (let i = 0; i < 9; i++) assert.ok(Math.abs(back.grid.direction[i] - grid.direction[i]) < 1e-12);
    for (let i = 0; i < 3; i++) {
      assert.ok(Math.abs(back.grid.spacingMm[i] - grid.spacingMm[i]) < 1e-12);
      assert.ok(Math.abs(back.grid.originLpsMm[i] - grid.originLpsMm[i]) < 1e-12);
    }
  });

  it('converts a RAS-space header to LPS', () => {
    const text =
      'NRRD0004\ntype: uchar\ndimension: 3\nspace: right-anterior-superior\nsizes: 2 1 1\nspace directions: (1,0,0) (0,1,0) (0,0,1)\nspace origin: (5,6,7)\nencoding: raw\n\n';
    const bytes = new Uint8Array([...new TextEncoder().encode(text), 1, 2]);
    const r = parseNrrd(bytes);
    assert.deepEqual(Array.from(r.grid.originLpsMm), [-5, -6, 7]);
    assert.deepEqual(Array.from(r.grid.direction), [-1, 0, 0, 0, -1, 0, 0, 0, 1]);
  });

  it('throws FileFormatError naming the problem when the data is truncated', () => {
    const text = 'NRRD0004\ntype: short\ndimension: 3\nsizes: 4 4 4\nencoding: raw\n\n';
    const bytes = new Uint8Array([...new TextEncoder().encode(text), 1, 2, 3]);
    assert.throws(
      () => parseNrrd(bytes),
      (e: unknown) => e instanceof FileFormatError && /truncated/.test(e.message),
    );
  });

  it('throws FileFormatError for bytes that are not NRRD', () => {
    assert.throws(() => parseNrrd(new TextEncoder().encode('hello world')), FileFormatError);
  });
});

describe('rasterToMask', () => {
  it('rejects a non-integer label value and names it', () => {
    const r = { grid: makeGrid([2, 1, 1]), scalarType: 'float32' as const, data: new Float32Array([0, 0.5]) };
    assert.throws(() => rasterToMask(r), /0\.5/);
  });
});

import assert from 'node:assert/strict';
import type { Direction3, Grid, Vec3, Volume } from '../../src/volume/types.ts';
import { makeGrid } from '../../src/volume/grid.ts';
import type { CtSlice } from '../../src/dicom/ct-slice.ts';
import { seededUniform } from './random.ts';

/**
 * Generated CT fixtures for the DICOM tests: integer-HU volumes from a seed, slice records with chosen
 * geometry, a seeded shuffle, and a voxel-for-voxel / geometry comparison.
 */

/** A volume of integer HU values uniform in [lo, hi] from `seed` (fixture name: size, seed, range). */
export function integerHuVolume(grid: Grid, seed: number, lo = -1024, hi = 3071): Volume {
  const next = seededUniform(seed);
  const n = grid.size[0] * grid.size[1] * grid.size[2];
  const data = Float32Array.from({ length: n }, () => lo + Math.floor((hi - lo + 1) * next()));
  return { grid, data };
}

/** A grid from its parts with defaults for tests. */
export function testGrid(
  size: Vec3,
  spacingMm: Vec3 = [0.8, 0.9, 2.5],
  origin: Vec3 = [-20.5, 12.25, 101.75],
  direction: Direction3 = [1, 0, 0, 0, 1, 0, 0, 0, 1],
): Grid {
  return makeGrid(size, spacingMm, origin, direction);
}

/** A seeded Fisher-Yates shuffle (a new array). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = seededUniform(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A CT slice record for series tests: 2x2 pixels filled with `k`, at `position`, identity orientation by default. */
export function sliceAt(k: number, position: Vec3, overrides: Partial<Omit<CtSlice, 'hu'>> = {}): CtSlice {
  return {
    source: `slice-${k}`,
    studyInstanceUid: '1.2.3',
    seriesInstanceUid: '1.2.3.4',
    sopInstanceUid: `1.2.3.4.${k}`,
    frameOfReferenceUid: '1.2.3.5',
    instanceNumber: k + 1,
    rows: 2,
    columns: 2,
    pixelSpacingMm: [0.5, 0.5],
    positionLpsMm: position,
    orientation: [1, 0, 0, 0, 1, 0],
    sliceThicknessMm: 2,
    acquisition: {
      modality: 'CT',
      contrastBolusAgent: undefined,
      contrastBolusRoute: undefined,
      contrastBolusVolumeMl: undefined,
      contrastBolusStartTime: undefined,
      convolutionKernel: 'STANDARD',
      manufacturer: 'Test',
      manufacturerModelName: undefined,
      seriesDescription: 'test series',
    },
    rescaleSlope: 1,
    rescaleIntercept: 0,
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    hu: new Float32Array([k, k, k, k]),
    paddedCount: 0,
    ...overrides,
  };
}

/** Asserts equal sizes, every voxel equal, and spacing/origin/direction within `tolMm`. */
export function assertSameVolume(actual: Volume, expected: Volume, tolMm = 1e-4, what = 'volume'): void {
  assert.deepEqual([...actual.grid.size], [...expected.grid.size], `${what}: size`);
  for (let i = 0; i < 3; i++) {
    assert.ok(
      Math.abs(actual.grid.spacingMm[i] - expected.grid.spacingMm[i]) <= tolMm,
      `${what}: spacing ${i}: ${actual.grid.spacingMm} vs ${expected.grid.spacingMm}`,
    );
    assert.ok(
      Math.abs(actual.grid.originLpsMm[i] - expected.grid.originLpsMm[i]) <= tolMm,
      `${what}: origin ${i}: ${actual.grid.originLpsMm} vs ${expected.grid.originLpsMm}`,
    );
  }
  for (let i = 0; i < 9; i++) {
    assert.ok(
      Math.abs(actual.grid.direction[i] - expected.grid.direction[i]) <= tolMm,
      `${what}: direction ${actual.grid.direction} vs ${expected.grid.direction}`,
    );
  }
  assert.equal(actual.data.length, expected.data.length, `${what}: voxel count`);
  let mismatches = 0;
  let first = -1;
  for (let i = 0; i < expected.data.length; i++) {
    if (actual.data[i] !== expected.data[i]) {
      mismatches++;
      if (first < 0) first = i;
    }
  }
  assert.equal(
    mismatches,
    0,
    `${what}: ${mismatches} voxels differ, first at ${first} (${actual.data[first]} vs ${expected.data[first]})`,
  );
}

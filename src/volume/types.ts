/**
 * Volume and Mask: voxel arrays on a grid with DICOM/ITK geometry in LPS patient coordinates.
 *
 * Index order is x fastest: linear index = x + nx * (y + ny * z). The direction matrix follows the ITK
 * convention (row-major 3x3, column k = the LPS unit vector of index axis k), so the physical position of
 * voxel (i, j, k) is origin + D * diag(spacing) * [i, j, k].
 */
import type { ScalarType } from './io/raster.ts';

/** Three numbers in index order [x, y, z] (or LPS order for points). */
export type Vec3 = readonly [number, number, number];
/** An index triple in voxel units, order [x, y, z]. */
export type IndexXYZ = readonly [number, number, number];
/** A physical point in LPS patient coordinates, millimetres. */
export type PointLpsMm = readonly [number, number, number];
/** Row-major 3x3 direction cosines; column k is the LPS direction of index axis k. */
export type Direction3 = readonly [number, number, number, number, number, number, number, number, number];

export const IDENTITY_DIRECTION: Direction3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** The sampling grid shared by a volume and its masks. */
export interface Grid {
  /** Voxel counts [nx, ny, nz]; a 2D image has nz = 1. */
  readonly size: IndexXYZ;
  readonly spacingMm: Vec3;
  readonly originLpsMm: PointLpsMm;
  readonly direction: Direction3;
}

/** Voxel values: Float32Array for stored CT (HU), Float64Array for filtered and derived images. */
export type VoxelArray = Float32Array | Float64Array;

/** A scalar image. */
export interface Volume {
  readonly grid: Grid;
  readonly data: VoxelArray;
  /** The pixel type the values were stored as (unscaled file data), when known. */
  readonly storedType?: ScalarType;
}

/** A label map on a grid: 0 = background, other values are labels (1..255). */
export interface Mask {
  readonly grid: Grid;
  readonly data: Uint8Array;
}

/** An inclusive index box [lo, hi] along each axis. */
export interface IndexBox {
  readonly lo: IndexXYZ;
  readonly hi: IndexXYZ;
}

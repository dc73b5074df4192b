import { buildRoiInput } from '../../src/radiomics/roi-input.ts';
import { DEFAULT_SETTINGS } from '../../src/radiomics/settings.ts';
import type { RadiomicsSettings } from '../../src/radiomics/settings.ts';
import type { RoiInput } from '../../src/radiomics/types.ts';

/**
 * Builds a RoiInput from small literal images for unit tests: `slices[z][y][x]` holds intensities, 0 marks a
 * voxel outside the ROI. With binWidth 1 and a minimum intensity of 1 the discretised levels equal the
 * intensities.
 */
export function roiFromSlices(
  slices: readonly (readonly (readonly number[])[])[],
  overrides: Partial<RadiomicsSettings> = {},
  spacingMm: readonly [number, number, number] = [1, 1, 1],
): RoiInput {
  const nz = slices.length;
  const ny = slices[0].length;
  const nx = slices[0][0].length;
  const values = new Float64Array(nx * ny * nz);
  const mask = new Uint8Array(nx * ny * nz);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const v = slices[z][y][x];
        const i = x + nx * (y + ny * z);
        values[i] = v;
        mask[i] = v === 0 ? 0 : 1;
      }
    }
  }
  const settings: RadiomicsSettings = { ...DEFAULT_SETTINGS, binWidth: 1, ...overrides };
  return buildRoiInput(values, mask, [nx, ny, nz], spacingMm, settings, 'test image');
}

/** The 5 x 5 example image of the PyRadiomics GLCM documentation (rows = y, columns = x). */
export const GLCM_DOC_IMAGE = [
  [1, 2, 5, 2, 3],
  [3, 2, 1, 3, 1],
  [1, 3, 5, 5, 2],
  [1, 1, 1, 1, 2],
  [1, 2, 4, 3, 5],
] as const;

/** The 5 x 5 example image of the PyRadiomics GLRLM, GLSZM and GLDM documentation. */
export const RUN_DOC_IMAGE = [
  [5, 2, 5, 4, 4],
  [3, 3, 3, 1, 3],
  [2, 1, 1, 1, 3],
  [4, 2, 2, 2, 3],
  [3, 5, 3, 3, 2],
] as const;

/** The 4 x 4 example image of the PyRadiomics NGTDM documentation (no voxel of level 4). */
export const NGTDM_DOC_IMAGE = [
  [1, 2, 5, 2],
  [3, 5, 1, 3],
  [1, 3, 5, 5],
  [3, 1, 1, 1],
] as const;

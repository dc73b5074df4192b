import type { AcquisitionInfo } from '../../src/volume/acquisition.ts';

/**
 * Acquisition headers of a plain non-contrast chest CT series (84 slices of 5 mm, kernel B30f), with the
 * fields a test changes, for the ROI's header QC.
 */
export function ctAcquisition(overrides: Partial<AcquisitionInfo> = {}): AcquisitionInfo {
  return {
    sliceCount: 84,
    modality: ['CT'],
    contrastBolusAgent: [],
    contrastBolusRoute: [],
    contrastBolusVolumeMl: null,
    contrastBolusStartTime: [],
    sliceThicknessMm: { min: 5, max: 5 },
    convolutionKernel: ['B30f'],
    manufacturer: ['BoneMet Risk synthetic'],
    manufacturerModelName: [],
    seriesDescription: ['Chest CT non-contrast (synthetic)'],
    ...overrides,
  };
}

import type { Command } from 'commander';

/** Registers `bonemet extract` (feature extraction from image files). */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('extract PyRadiomics-compatible features from an image and a mask')
    .requiredOption('--image <path>', 'image: NRRD, NIfTI (.nii/.nii.gz)')
    .requiredOption('--mask <path>', 'mask on the same grid: NRRD, NIfTI')
    .option('--params <path>', 'PyRadiomics parameter file (YAML or JSON)')
    .option('--label <n>', 'label value of the ROI in the mask')
    .option('--out <path>', 'output file (.csv or .json); stdout CSV when absent');
}

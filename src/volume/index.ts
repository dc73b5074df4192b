export * from './types.ts';
export * from './grid.ts';
export * from './crop.ts';
export * from './components.ts';
export * from './morphology.ts';
export * from './io/raster.ts';
export * from './io/nrrd.ts';
export * from './io/nifti.ts';

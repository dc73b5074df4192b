import { readFile, stat } from 'node:fs/promises';
import type { Mask, Volume } from '../volume/types.ts';
import { parseNrrd } from '../volume/io/nrrd.ts';
import { parseNifti } from '../volume/io/nifti.ts';
import { rasterToMask, rasterToVolume } from '../volume/io/raster.ts';
import type { Raster } from '../volume/io/raster.ts';
import { FileFormatError, UnsupportedError } from '../errors.ts';

async function readRaster(
  path: string,
): Promise<{ raster: Raster; scale?: { slope: number; intercept: number } }> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw new FileFormatError(`cannot read ${path}: the file does not exist or is not readable`, {
      cause: e,
    });
  }
  if (info.isDirectory()) {
    throw new UnsupportedError(
      `${path} is a folder; reading a DICOM series folder is not supported by this command yet (give a .nrrd, .nii or .nii.gz file)`,
    );
  }
  const bytes = new Uint8Array(await readFile(path));
  const lower = path.toLowerCase();
  if (lower.endsWith('.nrrd')) return { raster: parseNrrd(bytes, path) };
  if (lower.endsWith('.nii') || lower.endsWith('.nii.gz')) {
    const r = parseNifti(bytes, path);
    return { raster: r, scale: r.scale };
  }
  throw new FileFormatError(`${path}: unknown image file type (expected .nrrd, .nii or .nii.gz)`);
}

/** Reads an image file (NRRD, NIfTI, NIfTI.gz) as a Volume (NIfTI scl_slope/scl_inter applied). */
export async function readVolumeFile(path: string): Promise<Volume> {
  const { raster, scale } = await readRaster(path);
  return rasterToVolume(raster, scale);
}

/** Reads a label map file (NRRD, NIfTI, NIfTI.gz) as a Mask. */
export async function readMaskFile(path: string): Promise<Mask> {
  const { raster } = await readRaster(path);
  return rasterToMask(raster, path);
}

import type { Grid, Mask, Volume } from '../volume/types.ts';
import type { AcquisitionInfo } from '../volume/acquisition.ts';
import { readDicomFolder } from '../dicom/folder.ts';
import { readSegmentation } from '../dicom/seg-reader.ts';
import { parseNrrd } from '../volume/io/nrrd.ts';
import { parseNifti } from '../volume/io/nifti.ts';
import { rasterToMask, rasterToVolume } from '../volume/io/raster.ts';
import type { Raster } from '../volume/io/raster.ts';
import { FileFormatError, UnsupportedError } from '../errors.ts';
import { readInputBytes, statInput } from './input-file.ts';

/** Parses an image file's bytes by its extension: NRRD, NIfTI or NIfTI.gz (with NIfTI's scl_slope/scl_inter). */
function parseRaster(
  bytes: Uint8Array,
  path: string,
): { raster: Raster; scale?: { slope: number; intercept: number } } {
  const lower = path.toLowerCase();
  if (lower.endsWith('.nrrd')) return { raster: parseNrrd(bytes, path) };
  if (lower.endsWith('.nii') || lower.endsWith('.nii.gz')) {
    const r = parseNifti(bytes, path);
    return { raster: r, scale: r.scale };
  }
  throw new FileFormatError(
    `${path}: unknown image file type (expected .nrrd, .nii, .nii.gz, a DICOM folder or a DICOM SEG mask)`,
  );
}

/** True when the bytes are DICOM Part 10 (128-byte preamble then `DICM`). */
function isPart10(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM';
}

/** An image read as a Volume, and its acquisition headers when it is a DICOM series. */
export interface ImageFile {
  readonly volume: Volume;
  /** Null for NRRD and NIfTI, which carry no acquisition headers. */
  readonly acquisition: AcquisitionInfo | null;
}

/**
 * Reads an image: a folder as a DICOM CT series (HU, LPS) with its acquisition headers; NRRD, NIfTI and
 * NIfTI.gz files as rasters (NIfTI scl_slope/scl_inter applied), without. A missing path is an
 * InputFileError naming it (`what` says which input it is, e.g. "--image").
 */
export async function readImageFile(path: string, what = 'image'): Promise<ImageFile> {
  if ((await statInput(path, what)).isDirectory()) {
    const series = await readDicomFolder(path);
    return { volume: series.volume, acquisition: series.acquisition };
  }
  const { raster, scale } = parseRaster(await readInputBytes(path, what), path);
  return { volume: rasterToVolume(raster, scale), acquisition: null };
}

/**
 * Reads a label map as a Mask: a DICOM SEG file is read onto `imageGrid` (the CT it was drawn on; mask
 * value = segment number); NRRD, NIfTI and NIfTI.gz files as rasters.
 */
export async function readMaskFile(path: string, imageGrid?: Grid, what = 'mask'): Promise<Mask> {
  if ((await statInput(path, what)).isDirectory()) {
    throw new UnsupportedError(`${path} is a folder; a mask is a file (.nrrd, .nii, .nii.gz or a DICOM SEG)`);
  }
  const bytes = await readInputBytes(path, what);
  if (imageGrid !== undefined && isPart10(bytes)) return readSegmentation(bytes, imageGrid, path).mask;
  return rasterToMask(parseRaster(bytes, path).raster, path);
}

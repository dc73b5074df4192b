import { readFile, stat } from 'node:fs/promises';
import type { Grid, Mask, Volume } from '../volume/types.ts';
import type { AcquisitionInfo } from '../volume/acquisition.ts';
import { readDicomFolder } from '../dicom/folder.ts';
import { readSegmentation } from '../dicom/seg-reader.ts';
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
    throw new UnsupportedError(`${path} is a folder; a mask is a file (.nrrd, .nii, .nii.gz or a DICOM SEG)`);
  }
  const bytes = new Uint8Array(await readFile(path));
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

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
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
 * NIfTI.gz files as rasters (NIfTI scl_slope/scl_inter applied), without.
 */
export async function readImageFile(path: string): Promise<ImageFile> {
  if (await isFolder(path)) {
    const series = await readDicomFolder(path);
    return { volume: series.volume, acquisition: series.acquisition };
  }
  const { raster, scale } = await readRaster(path);
  return { volume: rasterToVolume(raster, scale), acquisition: null };
}

/** Reads an image as a Volume ({@link readImageFile} without the headers). */
export async function readVolumeFile(path: string): Promise<Volume> {
  return (await readImageFile(path)).volume;
}

/**
 * Reads a label map as a Mask: a DICOM SEG file is read onto `imageGrid` (the CT it was drawn on; mask
 * value = segment number); NRRD, NIfTI and NIfTI.gz files as rasters.
 */
export async function readMaskFile(path: string, imageGrid?: Grid): Promise<Mask> {
  if (imageGrid !== undefined && !(await isFolder(path))) {
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes !== undefined && isPart10(bytes)) {
      return readSegmentation(new Uint8Array(bytes), imageGrid, path).mask;
    }
  }
  const { raster } = await readRaster(path);
  return rasterToMask(raster, path);
}

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DicomError } from '../errors.ts';
import type { CtDecodeOptions, CtSlice } from './ct-slice.ts';
import { decodeCtInstance } from './enhanced-ct.ts';
import { readPart10 } from './part10.ts';
import { optionalString } from './dataset-values.ts';
import type { SeriesVolume, SeriesVolumeOptions } from './series-volume.ts';
import { slicesToVolume } from './series-volume.ts';

/** Options of {@link readDicomFolder}. */
export interface DicomFolderOptions extends CtDecodeOptions, SeriesVolumeOptions {
  /** The series to read when the folder holds several. */
  readonly seriesInstanceUid?: string;
}

function hasDicmMagic(bytes: Uint8Array): boolean {
  return (
    bytes.byteLength >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

/**
 * Reads the CT series of a folder (not recursive) into a Volume. Files without the Part 10 `DICM` magic
 * (READMEs, licences) are skipped, as are non-image instances of other series; a folder with several CT
 * series needs `seriesInstanceUid`. Throws {@link DicomError} when no CT series is found or one is unusable.
 */
export async function readDicomFolder(
  folder: string,
  options: DicomFolderOptions = {},
): Promise<SeriesVolume> {
  const names = (await readdir(folder)).sort();
  const bySeries = new Map<string, CtSlice[]>();
  const skipped: string[] = [];
  for (const name of names) {
    const path = join(folder, name);
    if (!(await stat(path)).isFile()) continue;
    const bytes = new Uint8Array(await readFile(path));
    if (!hasDicmMagic(bytes)) {
      skipped.push(name);
      continue;
    }
    const file = readPart10(bytes, path);
    const series = optionalString(file.dataset, 'SeriesInstanceUID') ?? '';
    if (options.seriesInstanceUid !== undefined && series !== options.seriesInstanceUid) continue;
    if (optionalString(file.dataset, 'Modality') !== 'CT' && options.seriesInstanceUid === undefined)
      continue;
    for (const slice of await decodeCtInstance(file, options)) {
      const list = bySeries.get(slice.seriesInstanceUid) ?? [];
      list.push(slice);
      bySeries.set(slice.seriesInstanceUid, list);
    }
  }
  if (bySeries.size === 0) {
    throw new DicomError(
      'empty-series',
      options.seriesInstanceUid === undefined
        ? `${folder} holds no CT image (${skipped.length} non-DICOM files skipped)`
        : `${folder} holds no image of series ${options.seriesInstanceUid}`,
    );
  }
  if (bySeries.size > 1) {
    const list = [...bySeries].map(([uid, s]) => `${uid} (${s.length} slices)`).join(', ');
    throw new DicomError(
      'mixed-series',
      `${folder} holds several CT series: ${list}; choose one by its SeriesInstanceUID`,
    );
  }
  const [slices] = [...bySeries.values()];
  return slicesToVolume(slices, options);
}

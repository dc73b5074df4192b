import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DicomError } from '../errors.ts';
import type { CtDecodeOptions, CtSlice } from './ct-slice.ts';
import { decodeCtInstance } from './enhanced-ct.ts';
import type { Part10File } from './part10.ts';
import { readPart10 } from './part10.ts';
import { optionalNumber, optionalString } from './dataset-values.ts';
import type { SliceAcquisition } from './acquisition.ts';
import { readSliceAcquisition, summariseAcquisition } from './acquisition.ts';
import type { AcquisitionInfo } from '../volume/acquisition.ts';
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

/** The Part 10 files of a folder (not recursive) in name order, one at a time; `skipped` counts the others. */
async function* folderFiles(folder: string, skipped: { count: number }): AsyncGenerator<Part10File> {
  for (const name of (await readdir(folder)).sort()) {
    const path = join(folder, name);
    if (!(await stat(path)).isFile()) continue;
    const bytes = new Uint8Array(await readFile(path));
    if (!hasDicmMagic(bytes)) skipped.count++;
    else yield readPart10(bytes, path);
  }
}

/** The one series of a non-empty folder's series map; throws {@link DicomError} `mixed-series` naming them all. */
function onlySeries<T>(
  bySeries: ReadonlyMap<string, readonly T[]>,
  folder: string,
  kind: string,
  unit: string,
): readonly T[] {
  if (bySeries.size > 1) {
    const list = [...bySeries].map(([uid, s]) => `${uid} (${s.length} ${unit})`).join(', ');
    throw new DicomError(
      'mixed-series',
      `${folder} holds several ${kind}: ${list}; choose one by its SeriesInstanceUID`,
    );
  }
  const [only] = [...bySeries.values()];
  return only;
}

/** "MR (series 1.2.3, 20 instances)" for each series of non-CT instances, for messages. */
function describeOthers(others: ReadonlyMap<string, { modality: string; count: number }>): string {
  return [...others]
    .map(([uid, o]) => `${o.modality} (series ${uid}, ${o.count} instance${o.count === 1 ? '' : 's'})`)
    .join(', ');
}

/**
 * Reads the CT series of a folder (not recursive) into a Volume. Files without the Part 10 `DICM` magic
 * (READMEs, licences) are skipped, as are non-image instances of other series; a folder with several CT
 * series needs `seriesInstanceUid`. Throws {@link DicomError}: `unsupported-modality` naming the modality
 * when the folder's DICOM instances are all of another modality (an MR series, say), `empty-series` when
 * it holds no DICOM instance, `mixed-series` for several CT series, or whatever makes a series unusable.
 */
export async function readDicomFolder(
  folder: string,
  options: DicomFolderOptions = {},
): Promise<SeriesVolume> {
  const skipped = { count: 0 };
  const bySeries = new Map<string, CtSlice[]>();
  const others = new Map<string, { modality: string; count: number }>();
  for await (const file of folderFiles(folder, skipped)) {
    const series = optionalString(file.dataset, 'SeriesInstanceUID') ?? '';
    if (options.seriesInstanceUid !== undefined && series !== options.seriesInstanceUid) continue;
    const modality = optionalString(file.dataset, 'Modality');
    if (modality !== 'CT' && options.seriesInstanceUid === undefined) {
      const o = others.get(series) ?? { modality: modality ?? '(no Modality)', count: 0 };
      others.set(series, { ...o, count: o.count + 1 });
      continue;
    }
    for (const slice of await decodeCtInstance(file, options)) {
      const list = bySeries.get(slice.seriesInstanceUid) ?? [];
      list.push(slice);
      bySeries.set(slice.seriesInstanceUid, list);
    }
  }
  if (bySeries.size === 0 && others.size > 0) {
    throw new DicomError(
      'unsupported-modality',
      `${folder} holds no CT image, only ${describeOthers(others)}; only a CT series can be read as a HU volume`,
    );
  }
  if (bySeries.size === 0) {
    throw new DicomError(
      'empty-series',
      options.seriesInstanceUid === undefined
        ? `${folder} holds no CT image (${skipped.count} non-DICOM files skipped)`
        : `${folder} holds no image of series ${options.seriesInstanceUid}`,
    );
  }
  return slicesToVolume(onlySeries(bySeries, folder, 'CT series', 'slices'), options);
}

/**
 * The acquisition summary of a folder's one image series, of any modality, from the headers alone (no
 * pixel is decoded): what a caller needs to say why a series that is not CT gets no CT analysis. Instances
 * without PixelData (structured reports, say) are left out; `seriesInstanceUid` picks a series. Throws
 * {@link DicomError} `empty-series` when no image instance is found and `mixed-series` for several series.
 */
export async function readDicomFolderAcquisition(
  folder: string,
  options: { readonly seriesInstanceUid?: string } = {},
): Promise<AcquisitionInfo> {
  const bySeries = new Map<
    string,
    { acquisition: SliceAcquisition; sliceThicknessMm: number | undefined }[]
  >();
  for await (const file of folderFiles(folder, { count: 0 })) {
    const series = optionalString(file.dataset, 'SeriesInstanceUID') ?? '';
    if (file.pixelData === undefined) continue;
    if (options.seriesInstanceUid !== undefined && series !== options.seriesInstanceUid) continue;
    const list = bySeries.get(series) ?? [];
    list.push({
      acquisition: readSliceAcquisition(file.dataset),
      sliceThicknessMm: optionalNumber(file.dataset, 'SliceThickness'),
    });
    bySeries.set(series, list);
  }
  if (bySeries.size === 0)
    throw new DicomError('empty-series', `${folder} holds no DICOM image whose headers could be read`);
  return summariseAcquisition(onlySeries(bySeries, folder, 'image series', 'instances'));
}

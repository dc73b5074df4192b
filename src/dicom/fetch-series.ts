import { DicomError } from '../errors.ts';
import type { CtDecodeOptions } from './ct-slice.ts';
import type { CtSlice } from './ct-slice.ts';
import { readCtInstance } from './enhanced-ct.ts';
import type { DicomWebSource, SeriesRef } from './dicomweb-source.ts';
import { jsonString } from './dicomweb-qido.ts';
import type { SeriesVolume, SeriesVolumeOptions } from './series-volume.ts';
import { slicesToVolume } from './series-volume.ts';

/** Options of {@link fetchSeriesVolume}. */
export interface FetchSeriesOptions extends CtDecodeOptions, SeriesVolumeOptions {
  /**
   * `series` (default): one WADO-RS request for the whole series. `instances`: a QIDO-RS instance list,
   * then one request per instance (parallel up to the source's concurrency limit; each retried alone).
   */
  readonly retrieve?: 'series' | 'instances';
  readonly signal?: AbortSignal;
}

/**
 * Retrieves a CT series from a DICOMweb server and decodes it into a Volume (HU, LPS), sorted along the
 * slice normal. Throws {@link DicomWebError} for transport failures and {@link DicomError} for content.
 */
export async function fetchSeriesVolume(
  source: DicomWebSource,
  ref: SeriesRef,
  options: FetchSeriesOptions = {},
): Promise<SeriesVolume> {
  const signal = options.signal;
  let files: Uint8Array[];
  if (options.retrieve === 'instances') {
    const list = await source.searchInstances(ref, signal);
    const uids = list.map((ds) => jsonString(ds, '00080018')).filter((u): u is string => u !== undefined);
    files = await Promise.all(uids.map((uid) => source.retrieveInstance(ref, uid, signal)));
  } else {
    files = await source.retrieveSeries(ref, signal);
  }
  if (files.length === 0) {
    throw new DicomError(
      'empty-series',
      `series ${ref.seriesInstanceUid} has no instance on the DICOMweb server`,
    );
  }
  const slices: CtSlice[] = [];
  for (let i = 0; i < files.length; i++) {
    slices.push(
      ...(await readCtInstance(files[i], `instance ${i + 1} of series ${ref.seriesInstanceUid}`, options)),
    );
  }
  return slicesToVolume(slices, options);
}

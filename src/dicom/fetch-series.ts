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
  const seriesName = `series ${ref.seriesInstanceUid}`;
  const slices: CtSlice[] = [];
  const decode = async (bytes: Uint8Array, i: number): Promise<void> => {
    slices.push(...(await readCtInstance(bytes, `instance ${i + 1} of ${seriesName}`, options)));
  };
  if (options.retrieve === 'instances') {
    const list = await source.searchInstances(ref, signal);
    const uids = list.map((ds) => jsonString(ds, '00080018')).filter((u): u is string => u !== undefined);
    const files = await Promise.all(uids.map((uid) => source.retrieveInstance(ref, uid, signal)));
    for (let i = 0; i < files.length; i++) await decode(files[i], i);
  } else if (source.streamSeries !== undefined) {
    // Each instance is decoded as it arrives, while the next one is still on the wire.
    await source.streamSeries(ref, decode, signal);
  } else {
    const files = await source.retrieveSeries(ref, signal);
    for (let i = 0; i < files.length; i++) await decode(files[i], i);
  }
  if (slices.length === 0) {
    throw new DicomError('empty-series', `${seriesName} has no instance on the DICOMweb server`);
  }
  return slicesToVolume(slices, options);
}

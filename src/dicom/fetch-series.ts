import { DicomError } from '../errors.ts';
import type { CtDecodeOptions } from './ct-slice.ts';
import type { CtSlice } from './ct-slice.ts';
import { readCtInstance } from './enhanced-ct.ts';
import type { DicomWebSource, SeriesRef } from './dicomweb-source.ts';
import { jsonNumber, jsonString } from './dicomweb-qido.ts';
import type { SeriesVolume, SeriesVolumeOptions } from './series-volume.ts';
import { slicesToVolume } from './series-volume.ts';
import { SliceStack } from './slice-stack.ts';

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
    return streamSeriesVolume(source, source.streamSeries.bind(source), ref, options);
  } else {
    const files = await source.retrieveSeries(ref, signal);
    for (let i = 0; i < files.length; i++) await decode(files[i], i);
  }
  if (slices.length === 0) {
    throw new DicomError('empty-series', `${seriesName} has no instance on the DICOMweb server`);
  }
  return slicesToVolume(slices, options);
}

/**
 * How many instances the series holds, as the server announces it: the series-level QIDO-RS attribute
 * NumberOfSeriesRelatedInstances (0020,1209), which servers answer from their index, else the length of
 * an instance-level search (slower: some servers read every instance for it); 0 when neither answers.
 */
async function announcedInstanceCount(
  source: DicomWebSource,
  ref: SeriesRef,
  signal: AbortSignal | undefined,
): Promise<number> {
  try {
    const [series] = await source.searchSeries(
      ref.studyInstanceUid,
      { SeriesInstanceUID: ref.seriesInstanceUid, includefield: '00201209' },
      signal,
    );
    const n = series === undefined ? undefined : jsonNumber(series, '00201209');
    if (n !== undefined && Number.isInteger(n) && n > 0) return n;
    return (await source.searchInstances(ref, signal)).length;
  } catch {
    // The count only sizes the volume in advance; without it the slices are collected one by one.
    return 0;
  }
}

/**
 * The streamed retrieval: the instance count is asked beside the WADO-RS request (see
 * {@link announcedInstanceCount}), so the volume can be allocated at the first instance; each instance is
 * then decoded straight into it while the next one is still on the wire (see {@link SliceStack}).
 * Without a count slices are collected one by one instead.
 */
async function streamSeriesVolume(
  source: DicomWebSource,
  stream: NonNullable<DicomWebSource['streamSeries']>,
  ref: SeriesRef,
  options: FetchSeriesOptions,
): Promise<SeriesVolume> {
  const signal = options.signal;
  const seriesName = `series ${ref.seriesInstanceUid}`;
  const announced = announcedInstanceCount(source, ref, signal).then((n) => new SliceStack(n, options));
  let stack: SliceStack | undefined;
  await stream(
    ref,
    async (bytes, i) => {
      stack ??= await announced;
      await stack.add(bytes, `instance ${i + 1} of ${seriesName}`);
    },
    signal,
  );
  if (stack === undefined || stack.count === 0) {
    throw new DicomError('empty-series', `${seriesName} has no instance on the DICOMweb server`);
  }
  return stack.finish();
}

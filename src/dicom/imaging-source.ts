/**
 * The analysis's {@link ImagingSource} over a DICOMweb server: QIDO-RS to choose the CT series (the study's CT
 * series with the most instances) and to find DICOM SEG series, streamed WADO-RS to read the CT as a volume,
 * and the SEG read onto the CT's grid. Host allow-list, timeouts and retries are the DicomWebSource's.
 */
import type { ImagingSource, LoadedCt, SeriesRef } from '../analysis/imaging-source.ts';
import { DicomError } from '../errors.ts';
import type { Grid, Mask } from '../volume/types.ts';
import { chooseCtSeries, summariseSeries } from './dicomweb-source.ts';
import type { DicomWebSource, SeriesSummary } from './dicomweb-source.ts';
import { fetchSeriesVolume } from './fetch-series.ts';
import type { FetchSeriesOptions } from './fetch-series.ts';
import { readSegmentation } from './seg-reader.ts';

/** An ImagingSource reading from `dicomweb`; `fetch` options apply to every CT retrieval. */
export function dicomWebImagingSource(
  dicomweb: DicomWebSource,
  fetch: Omit<FetchSeriesOptions, 'signal'> = {},
): ImagingSource {
  return {
    chooseCtSeries: (studyInstanceUid, signal) => chooseCtSeries(dicomweb, studyInstanceUid, signal),

    async loadCt(ref: SeriesRef, signal?: AbortSignal): Promise<LoadedCt> {
      const sv = await fetchSeriesVolume(dicomweb, ref, signal === undefined ? fetch : { ...fetch, signal });
      return { volume: sv.volume, acquisition: sv.acquisition, warnings: sv.warnings };
    },

    async findSegmentations(studyInstanceUid: string, signal?: AbortSignal): Promise<readonly SeriesRef[]> {
      return (await dicomweb.searchSeries(studyInstanceUid, { Modality: 'SEG' }, signal))
        .map((ds) => summariseSeries(studyInstanceUid, ds))
        .filter((s): s is SeriesSummary => s !== undefined && s.modality === 'SEG')
        .map((s) => ({ studyInstanceUid, seriesInstanceUid: s.seriesInstanceUid }));
    },

    async loadSegmentation(ref: SeriesRef, grid: Grid, signal?: AbortSignal): Promise<Mask> {
      const files = await dicomweb.retrieveSeries(ref, signal);
      if (files.length !== 1) {
        throw new DicomError(
          'invalid-segmentation',
          `SEG series ${ref.seriesInstanceUid} holds ${files.length} instances; one DICOM SEG instance is expected`,
        );
      }
      return readSegmentation(files[0], grid, `SEG series ${ref.seriesInstanceUid}`).mask;
    },
  };
}

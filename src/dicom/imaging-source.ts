/**
 * The analysis's {@link ImagingSource} over a DICOMweb server: QIDO-RS to choose the CT series (the study's CT
 * series with the most instances) and to find DICOM SEG series, streamed WADO-RS to read the CT as a volume,
 * and the SEG read onto the CT's grid. Host allow-list, timeouts and retries are the DicomWebSource's.
 */
import type {
  ImagingSource,
  LoadedCt,
  LoadedSegmentation,
  SegmentationRef,
  SeriesRef,
} from '../analysis/imaging-source.ts';
import { REVIEW_SERIES_DESCRIPTION, reviewOfContent } from './review-seg.ts';
import { DicomError } from '../errors.ts';
import type { Grid } from '../volume/types.ts';
import { jsonString } from './dicomweb-qido.ts';
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
      return {
        volume: sv.volume,
        acquisition: sv.acquisition,
        warnings: sv.warnings,
        sopInstanceUids: sv.sopInstanceUids,
      };
    },

    async findSegmentations(
      studyInstanceUid: string,
      signal?: AbortSignal,
    ): Promise<readonly SegmentationRef[]> {
      const query = { Modality: 'SEG', includefield: 'SeriesDescription,SeriesDate,SeriesTime' };
      const found: SegmentationRef[] = [];
      for (const ds of await dicomweb.searchSeries(studyInstanceUid, query, signal)) {
        const s: SeriesSummary | undefined = summariseSeries(studyInstanceUid, ds);
        if (s === undefined || s.modality !== 'SEG') continue;
        const reviewed = jsonString(ds, '0008103E') === REVIEW_SERIES_DESCRIPTION;
        const at = qidoDateTime(jsonString(ds, '00080021'), jsonString(ds, '00080031'));
        found.push({
          studyInstanceUid,
          seriesInstanceUid: s.seriesInstanceUid,
          ...(reviewed ? { reviewedAt: at } : {}),
        });
      }
      return found;
    },

    async loadSegmentation(ref: SeriesRef, grid: Grid, signal?: AbortSignal): Promise<LoadedSegmentation> {
      const files = await dicomweb.retrieveSeries(ref, signal);
      if (files.length !== 1) {
        throw new DicomError(
          'invalid-segmentation',
          `SEG series ${ref.seriesInstanceUid} holds ${files.length} instances; one DICOM SEG instance is expected`,
        );
      }
      const seg = readSegmentation(files[0], grid, `SEG series ${ref.seriesInstanceUid}`);
      const review = reviewOfContent(seg.content);
      return review === undefined ? seg.mask : { ...seg.mask, review };
    },
  };
}

/** A DA and TM pair as ISO 8601 (UTC, as the reviewed SEGs are written), '' when the date is absent. */
function qidoDateTime(date: string | undefined, time: string | undefined): string {
  if (date === undefined || !/^\d{8}$/.test(date)) return '';
  const t = (time ?? '').replace(/[^0-9]/g, '').padEnd(6, '0');
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}Z`;
}

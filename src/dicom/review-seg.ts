/**
 * How a person's review of the marrow ROI is stored: a DICOM SEG in the CT's study (a new series), the reviewer
 * and time in its content fields (ContentCreatorName, ContentDate/Time in UTC), the action in its
 * ContentDescription ("confirmed T6", "corrected T5 T6": the automatic count's name, then the person's), marked
 * by its SeriesDescription and ContentLabel; and how such a SEG is read back as a review.
 */
import type { RoiReview } from '../analysis/result.ts';
import type { SeriesRef } from '../analysis/imaging-source.ts';
import type { Mask } from '../volume/types.ts';
import { optionalString } from './dataset-values.ts';
import { readPart10 } from './part10.ts';
import { writeSegmentation } from './seg-writer.ts';
import { randomUid } from './uid.ts';

/** SeriesDescription of a reviewed ROI's SEG: how the analysis tells it from a segmentation drawn elsewhere. */
export const REVIEW_SERIES_DESCRIPTION = 'BoneMet Risk reviewed marrow ROI';
/** ContentLabel (CS) of a reviewed ROI's SEG. */
export const REVIEW_CONTENT_LABEL = 'BONEMET_REVIEW';

/** The SEG's ContentDescription of a review: "confirmed T6" or "corrected T7 T6" (the automatic name, then the person's). */
export function reviewDescription(review: Pick<RoiReview, 'action' | 'level' | 'fromLevel'>): string {
  return review.action === 'confirmed'
    ? `confirmed ${review.level}`
    : `corrected ${review.fromLevel ?? '?'} ${review.level}`;
}

/** The review a SEG's content fields record, or undefined when it is not a reviewed ROI. */
export function reviewOfContent(content: {
  readonly label: string | undefined;
  readonly description: string | undefined;
  readonly creatorName: string | undefined;
  readonly date: string | undefined;
  readonly time: string | undefined;
}): RoiReview | undefined {
  if (content.label !== REVIEW_CONTENT_LABEL || content.description === undefined) return undefined;
  const m = /^(confirmed|corrected)(?: (\S+))? ([CTLS]\d{1,2})$/.exec(content.description.trim());
  if (m === null) return undefined;
  const d = content.date ?? '';
  const t = (content.time ?? '').padEnd(6, '0');
  const time = /^\d{8}$/.test(d)
    ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}Z`
    : '';
  return {
    action: m[1] === 'confirmed' ? 'confirmed' : 'corrected',
    level: m[3],
    ...(m[1] === 'corrected' ? { fromLevel: m[2] ?? '?' } : {}),
    reviewer: (content.creatorName ?? 'unknown').replace(/\^+/g, ' ').trim(),
    time,
  };
}

/** A PN value of at most 64 characters without component separators. */
function personNameValue(s: string): string {
  return s.replace(/[\\^=]/g, ' ').slice(0, 64);
}

/**
 * The SEG of a reviewed ROI: `mask` (label 1) on the CT series `ct` (slices `sopInstanceUids` in z order), naming
 * the same patient and study as `ctInstance` (one of its Part 10 instances), with the review in its content
 * fields. Its series UID is fresh.
 */
export function writeReviewSegmentation(
  mask: Mask,
  review: RoiReview,
  ct: SeriesRef & { readonly sopInstanceUids?: readonly string[] },
  ctInstance: Uint8Array,
): { readonly seg: SeriesRef; readonly bytes: Uint8Array } {
  const ds = readPart10(ctInstance, 'a CT instance').dataset;
  const seriesInstanceUid = randomUid();
  const bytes = writeSegmentation(
    mask,
    {
      studyInstanceUid: ct.studyInstanceUid,
      seriesInstanceUid: ct.seriesInstanceUid,
      frameOfReferenceUid: optionalString(ds, 'FrameOfReferenceUID') ?? randomUid(),
      ...(ct.sopInstanceUids === undefined ? {} : { sopInstanceUids: ct.sopInstanceUids }),
      patientId: optionalString(ds, 'PatientID') ?? '',
      patientName: personNameValue(optionalString(ds, 'PatientName') ?? ''),
    },
    [
      {
        label: 1,
        name: `${review.level} vertebral body marrow`,
        algorithmType: 'SEMIAUTOMATIC',
        algorithmName: 'BoneMet Risk marrow ROI, level reviewed',
      },
    ],
    {
      seriesInstanceUid,
      sopInstanceUid: randomUid(),
      seriesDescription: REVIEW_SERIES_DESCRIPTION,
      contentLabel: REVIEW_CONTENT_LABEL,
      contentDescription: reviewDescription(review),
      contentCreatorName: personNameValue(review.reviewer),
      contentTime: new Date(review.time),
      seriesNumber: 9300,
      studyDate: optionalString(ds, 'StudyDate') ?? '',
      studyTime: optionalString(ds, 'StudyTime') ?? '',
      accessionNumber: optionalString(ds, 'AccessionNumber') ?? '',
    },
  );
  return { seg: { studyInstanceUid: ct.studyInstanceUid, seriesInstanceUid }, bytes };
}

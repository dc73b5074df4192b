/**
 * Where the ROI came from, in words: the automatic ROI (with how sure its level is), the automatic ROI whose
 * level a clinician confirmed or corrected in the app (who, when, what was corrected), a segmentation drawn
 * outside the app, or none.
 */
import type { RoiQc, RoiReview, RoiSource } from '../../../src/browser.ts';
import { dateOf } from './format.ts';

/** A confidence 0..1 as a whole percentage: 0.823 -> "82 %". */
export const confidencePercent = (c: number): string => `${Math.round(c * 100)} %`;

/** A review in words: "confirmed by Practitioner/7 on 2026-12-07", or corrected, saying what was corrected. */
export function reviewText(review: RoiReview): string {
  const when = `by ${review.reviewer} on ${dateOf(review.time)}`;
  if (review.action === 'confirmed') return `level ${review.level} confirmed ${when}`;
  const from = review.fromLevel;
  const what =
    from === undefined
      ? `now at level ${review.level}`
      : from === '?' || from === ''
        ? `the vertebra the automatic count left unnamed is ${review.level}`
        : `the vertebra counted as ${from} is ${review.level}`;
  return `level corrected ${when} (${what})`;
}

/** The ROI's source as one sentence part, for the screens that state it. */
export function roiSourceText(roi: RoiSource | RoiQc | null | undefined): string {
  if (roi === null || roi === undefined) return 'none';
  if (!('kind' in roi)) return 'none (the automatic ROI failed its quality control)';
  if (roi.kind === 'automatic')
    return `automatic, vertebral marrow at level ${roi.level} (labelling confidence ${confidencePercent(roi.levelConfidence)})`;
  if (roi.review !== undefined) return `the automatic ROI, ${reviewText(roi.review)}`;
  return 'a segmentation drawn outside the app';
}

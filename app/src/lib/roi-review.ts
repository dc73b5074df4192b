/**
 * The level review's geometry and words, pure: where each vertebral body of the spine picture lies in picture
 * rows (row r covers LPS z from `zTopMm - r * mmPerRow` downward, superior up), which body a row falls on, the
 * body the ROI is on now, and the correction request the app sends.
 */
import type { RoiCorrectionRequest, RoiReviewView } from '../../../src/browser.ts';

/** One vertebral body of the picture, as the level picker shows it. */
export interface PickerBody {
  /** 0 for the most superior body. */
  readonly index: number;
  /** The name the automatic count gave it ('?' when unnamed). */
  readonly label: string;
  /** Its rows in the picture (fractional, top < bottom), clipped to the picture. */
  readonly rowTop: number;
  readonly rowBottom: number;
  /** The middle of its z range (mm), the `zMm` of a correction naming it. */
  readonly zMidMm: number;
  /** The ROI is on this body now. */
  readonly current: boolean;
  /** Its name for screen readers: "Vertebra 7 from the top, counted as T6". */
  readonly name: string;
}

/** The picture row (fractional) at LPS z `zMm`. */
export const rowOfZ = (review: Pick<RoiReviewView, 'zTopMm' | 'mmPerRow'>, zMm: number): number =>
  (review.zTopMm - zMm) / review.mmPerRow;

/** Whether a body's label names a level (not '?' or empty). */
export const isNamed = (label: string): boolean => label !== '' && label !== '?';

/** A body's name for screen readers. */
export function bodyName(index: number, label: string, current: boolean): string {
  const named = isNamed(label) ? `counted as ${label}` : 'not named';
  return `Vertebra ${index + 1} from the top, ${named}${current ? ', where the ROI is now' : ''}`;
}

/** The index of the body the ROI is on (the first whose label is the ROI's level), or -1. */
export function currentBodyIndex(review: Pick<RoiReviewView, 'bodies' | 'level'>): number {
  const level = review.level;
  if (level === null || !isNamed(level)) return -1;
  return review.bodies.findIndex((b) => b.label === level);
}

/** The bodies as the picker shows them, superior first. */
export function pickerBodies(review: RoiReviewView): PickerBody[] {
  const current = currentBodyIndex(review);
  const clip = (r: number): number => Math.min(Math.max(r, 0), review.height);
  return review.bodies.map((b, index) => {
    const [z0, z1] = b.zRangeMm;
    const a = rowOfZ(review, Math.max(z0, z1));
    const c = rowOfZ(review, Math.min(z0, z1));
    return {
      index,
      label: b.label,
      rowTop: clip(Math.min(a, c)),
      rowBottom: clip(Math.max(a, c)),
      zMidMm: (z0 + z1) / 2,
      current: index === current,
      name: bodyName(index, b.label, index === current),
    };
  });
}

/**
 * The body at picture row `row`: the one whose rows hold it, else the nearest (a click on a disc space picks
 * the closer body); -1 without bodies.
 */
export function bodyAtRow(bodies: readonly PickerBody[], row: number): number {
  let best = -1;
  let bestDistance = Infinity;
  for (const b of bodies) {
    const d = row < b.rowTop ? b.rowTop - row : row > b.rowBottom ? row - b.rowBottom : 0;
    if (d < bestDistance) {
      best = b.index;
      bestDistance = d;
    }
  }
  return best;
}

/** The request of `POST /api/roi/<analysis id>`: confirm the level, or name the body as T6. */
export function correctionRequest(
  patient: string,
  fhirServer: string,
  choice: { readonly action: 'confirm' } | { readonly action: 'set-level'; readonly body: PickerBody },
): RoiCorrectionRequest {
  return choice.action === 'confirm'
    ? { patient, fhirServer, action: 'confirm' }
    : { patient, fhirServer, action: 'set-level', zMm: choice.body.zMidMm, level: 'T6' };
}

/**
 * The review to show in the CT view: `'check'` (an ROI whose level can be confirmed or corrected),
 * `'refused'` (the automatic ROI could not name the levels: pick T6) or `'view-only'` (not correctable).
 */
export function reviewMode(review: RoiReviewView): 'check' | 'refused' | 'view-only' {
  if (!review.correctable) return 'view-only';
  return review.level === null ? 'refused' : 'check';
}

/**
 * The CT view's level review, wrapped once: the spine picture fetched with the app's token (shown through an
 * object URL, released when replaced or left), and storing a review (`POST /api/roi/<analysis id>`): while it
 * runs, a progress sentence; then the recomputed view on every screen, or the service's sentence and nothing
 * changed.
 */
import { onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import type { Ref, ShallowRef } from 'vue';
import { percent } from '../lib/format.ts';
import { asProblem } from '../lib/problem.ts';
import { correctionRequest } from '../lib/roi-review.ts';
import type { PickerBody } from '../lib/roi-review.ts';
import type { RiskView } from '../lib/risk-view.ts';
import { useRiskResult } from './use-risk-result.ts';
import { fetchPicture, postRoiCorrection } from './use-service-api.ts';

export const STORING = 'Storing the ROI and recomputing the risk…';

export type ReviewChoice =
  { readonly action: 'confirm' } | { readonly action: 'set-level'; readonly body: PickerBody };

export interface RoiReviewState {
  readonly pictureSrc: Ref<string | undefined>;
  readonly pictureState: Ref<'loading' | 'loaded' | 'error'>;
  readonly busy: Ref<boolean>;
  /** The progress or outcome, for a polite live region. */
  readonly status: Ref<string>;
  /** Why the review was not stored (the service's sentence), for an alert. */
  readonly error: ShallowRef<string | undefined>;
  submit(choice: ReviewChoice): Promise<void>;
}

/** What the recomputed view says, after a stored review. */
function outcome(before: RiskView, after: RiskView): string {
  const was = before.risk === undefined ? '' : ` (was ${percent(before.risk.probability)})`;
  if (after.risk !== undefined)
    return `The ROI is stored and the risk recomputed: ${percent(after.risk.probability)}${was}.`;
  const why = after.reasons.length > 0 ? ` ${after.reasons.join(' ')}` : '';
  return `The ROI is stored; the risk could not be computed.${why}`;
}

/** The review state of the view `view` (its analysis's spine picture). */
export function useRoiReview(view: () => RiskView | undefined): RoiReviewState {
  const { session, replace } = useRiskResult();
  const pictureSrc = ref<string | undefined>();
  const pictureState = ref<'loading' | 'loaded' | 'error'>('loading');
  const busy = ref(false);
  const status = ref('');
  const error = shallowRef<string | undefined>();
  let loads = 0;

  const release = (): void => {
    if (pictureSrc.value !== undefined) URL.revokeObjectURL(pictureSrc.value);
    pictureSrc.value = undefined;
  };

  watch(
    () => view()?.analysis?.review?.pictureUrl,
    async (path) => {
      const mine = ++loads;
      release();
      const s = session.value;
      if (path === undefined || s === undefined) return;
      pictureState.value = 'loading';
      try {
        const blob = await fetchPicture(s, path);
        if (mine !== loads) return;
        pictureSrc.value = URL.createObjectURL(blob);
        pictureState.value = 'loaded';
      } catch {
        // The picker still names every body; the picture's place says it could not be loaded.
        if (mine === loads) pictureState.value = 'error';
      }
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    loads++;
    release();
  });

  async function submit(choice: ReviewChoice): Promise<void> {
    const s = session.value;
    const before = view();
    const analysisId = before?.analysis?.id;
    if (busy.value || s === undefined || before === undefined || analysisId === undefined) return;
    busy.value = true;
    error.value = undefined;
    status.value = STORING;
    try {
      const after = await postRoiCorrection(
        s,
        analysisId,
        correctionRequest(s.patientId, s.serverUrl, choice),
      );
      replace(after);
      status.value = outcome(before, after);
    } catch (e) {
      status.value = '';
      error.value = asProblem(e, 'service-error').message;
    } finally {
      busy.value = false;
    }
  }

  return { pictureSrc, pictureState, busy, status, error, submit };
}

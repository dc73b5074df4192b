/** A value being loaded: loading (perhaps waiting for the CT analysis), ready, or a problem to show. */
import type { AppProblem } from './problem.ts';

export type Loadable<T> =
  | { readonly kind: 'loading'; readonly pending?: boolean }
  | { readonly kind: 'ready'; readonly value: T }
  | { readonly kind: 'error'; readonly problem: AppProblem };

/**
 * The session and the patient's risk view, shared by every screen (provided by App.vue): the launch completes
 * first, then the view loads (waiting while the CT analysis runs). `reload` asks the service again; `replace`
 * shows a view the service gave otherwise (the answer to a review of the ROI's level).
 */
import { inject, shallowRef } from 'vue';
import type { InjectionKey, ShallowRef } from 'vue';
import { asProblem } from '../lib/problem.ts';
import type { AppProblem } from '../lib/problem.ts';
import type { Loadable } from '../lib/loadable.ts';
import type { RiskView } from '../lib/risk-view.ts';
import { fetchRiskView } from './use-service-api.ts';
import type { SmartSession } from './use-smart-client.ts';

export interface RiskResult {
  readonly session: ShallowRef<SmartSession | undefined>;
  /** A problem of the launch itself (no screen can show anything). */
  readonly launchProblem: ShallowRef<AppProblem | undefined>;
  readonly risk: ShallowRef<Loadable<RiskView>>;
  reload(): Promise<void>;
  /** Shows `view` on every screen in place of the current one. */
  replace(view: RiskView): void;
}

export const RISK_RESULT: InjectionKey<RiskResult> = Symbol('risk-result');

/** Creates the shared state (App.vue does, once). */
export function createRiskResult(): RiskResult {
  const session = shallowRef<SmartSession | undefined>();
  const launchProblem = shallowRef<AppProblem | undefined>();
  const risk = shallowRef<Loadable<RiskView>>({ kind: 'loading' });
  /** Counts loads and replacements: a load answered after a newer one (or a replacement) is dropped. */
  let generation = 0;
  return {
    session,
    launchProblem,
    risk,
    async reload() {
      const s = session.value;
      if (s === undefined) return;
      const mine = ++generation;
      risk.value = { kind: 'loading' };
      try {
        const value = await fetchRiskView(s, {
          onPending: () => {
            if (mine === generation) risk.value = { kind: 'loading', pending: true };
          },
        });
        if (mine === generation) risk.value = { kind: 'ready', value };
      } catch (e) {
        if (mine === generation) risk.value = { kind: 'error', problem: asProblem(e, 'service-error') };
      }
    },
    replace(view) {
      generation++;
      risk.value = { kind: 'ready', value: view };
    },
  };
}

/** The shared state, in a screen. */
export function useRiskResult(): RiskResult {
  const r = inject(RISK_RESULT);
  if (r === undefined) throw new Error('useRiskResult() outside the app');
  return r;
}

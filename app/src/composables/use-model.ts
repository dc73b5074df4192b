/** The service's model artifact (`GET /api/model`), loaded once and validated, for the nomogram and model card. */
import { shallowRef } from 'vue';
import type { ShallowRef } from 'vue';
import { parseModelArtifact } from '../../../src/browser.ts';
import type { ModelArtifact } from '../../../src/browser.ts';
import { AppProblem, asProblem } from '../lib/problem.ts';
import type { Loadable } from '../lib/loadable.ts';
import { getJson, serviceUrl } from './use-service-api.ts';

const state = shallowRef<Loadable<ModelArtifact>>({ kind: 'loading' });
let started = false;

async function load(): Promise<void> {
  state.value = { kind: 'loading' };
  try {
    const { body } = await getJson(serviceUrl('api/model'), { headers: { accept: 'application/json' } });
    let model: ModelArtifact;
    try {
      model = parseModelArtifact(body);
    } catch (e) {
      throw new AppProblem('service-error', e instanceof Error ? e.message : String(e));
    }
    state.value = { kind: 'ready', value: model };
  } catch (e) {
    started = false;
    state.value = { kind: 'error', problem: asProblem(e, 'service-error') };
  }
}

/** The artifact's loading state; the first call starts the request (a failed one is retried on the next call). */
export function useModel(): { state: ShallowRef<Loadable<ModelArtifact>>; reload: () => Promise<void> } {
  if (!started) {
    started = true;
    void load();
  }
  return { state, reload: load };
}

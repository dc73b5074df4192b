/**
 * The app's screens as hash routes (`#/nomogram`): the SMART launch owns the query string, so the router only
 * reads the hash, and only once {@link startRouter} is called after fhirclient's `ready()`.
 */
import { ref } from 'vue';

export const SCREENS = [
  { id: 'summary', label: 'Risk summary' },
  { id: 'nomogram', label: 'Nomogram' },
  { id: 'inputs', label: 'Inputs' },
  { id: 'ct', label: 'CT and ROI' },
  { id: 'follow-up', label: 'Follow-up' },
  { id: 'trend', label: 'Rad-score over time' },
  { id: 'model', label: 'Model card' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

const isScreen = (s: string): s is ScreenId => SCREENS.some((x) => x.id === s);

/** The screen shown. */
export const currentScreen = ref<ScreenId>('summary');

function read(): void {
  const id = window.location.hash.replace(/^#\/?/, '');
  currentScreen.value = isScreen(id) ? id : 'summary';
}

let started = false;

/** Starts following the hash (idempotent). */
export function startRouter(): void {
  if (started) return;
  started = true;
  read();
  window.addEventListener('hashchange', read);
}

/** The link of a screen. */
export const screenHref = (id: ScreenId): string => `#/${id}`;

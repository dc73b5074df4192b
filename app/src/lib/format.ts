/** How numbers and values read on screen. */

/** A probability as a percentage with one decimal: 0.4567 -> "45.7 %". */
export const percent = (p: number): string => `${(p * 100).toFixed(1)} %`;

/** Points with one decimal. */
export const points = (x: number): string => x.toFixed(1);

/** A FHIR date or dateTime as its date part, or "date not recorded". */
export const dateOf = (s: string | undefined): string =>
  s === undefined ? 'date not recorded' : s.slice(0, 10);

/** Nomogram and input level codes as words. */
const LEVEL_WORDS: Readonly<Record<string, string>> = {
  ge14: '≥ 14 %',
  lt14: '< 14 %',
  ge20: '≥ 20 %',
  lt20: '< 20 %',
  positive: 'positive',
  negative: 'negative',
  'her2-hr-pos': 'HER-2+ HR+',
  'her2-hr-neg': 'HER-2+ HR−',
  'luminal-a': 'Luminal A',
  'luminal-b': 'Luminal B',
  'triple-negative': 'triple negative',
  special: 'special histology',
};

/** A term's value for people: numbers with two decimals, levels in words. */
export function valueText(v: number | string | null): string {
  if (v === null) return 'not available';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return LEVEL_WORDS[v] ?? v;
}

/** A nomogram term's name for people. */
export function termLabel(name: string): string {
  const labels: Readonly<Record<string, string>> = {
    radScore: 'Rad-score',
    ki67: 'Ki-67',
    er: 'ER',
    pr: 'PR',
    her2: 'HER-2',
    age: 'Age',
    subtype: 'Subtype',
  };
  return labels[name] ?? name;
}

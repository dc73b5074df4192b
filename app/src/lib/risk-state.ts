/** What the risk view says, as one state for the screens: the risk, or why there is none. */
import { CLINICAL_VARIABLES } from '../../../src/browser.ts';
import type { ClinicalVariable } from '../../../src/browser.ts';
import type { RiskView } from './risk-view.ts';

export type RiskState = 'complete' | 'missing-inputs' | 'no-ct' | 'ct-failed' | 'pending';

/** The state of a view. */
export function riskState(v: RiskView): RiskState {
  if (v.status === 'complete') return 'complete';
  if (v.status === 'pending') return 'pending';
  if (v.ct === null) return 'no-ct';
  if (v.missingInputs.length > 0 && (v.analysis === undefined || v.radScore !== undefined))
    return 'missing-inputs';
  return 'ct-failed';
}

/** A clinical variable's label ("Ki-67"), or the name as given. */
export function variableLabel(name: string): string {
  return name in CLINICAL_VARIABLES ? CLINICAL_VARIABLES[name as ClinicalVariable].label : name;
}

/** The headline of a view without a risk. */
export function noRiskTitle(v: RiskView): string {
  switch (riskState(v)) {
    case 'no-ct':
      return 'Risk not computed: no chest CT found for this patient';
    case 'missing-inputs':
      return `Risk not computed: receptor results missing (${v.missingInputs.map((m) => variableLabel(m.variable)).join(', ')})`;
    case 'ct-failed':
      return 'Risk not computed: the chest CT could not be analysed';
    case 'pending':
      return 'The CT analysis is still in progress';
    case 'complete':
      return '';
  }
}

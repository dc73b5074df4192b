/**
 * The FHIR R4 resources an analysis gives back to the EHR (DESIGN section 4): a RiskAssessment of bone
 * metastasis within five years, based on the Observations and the ImagingStudy it used, with the model named as
 * its method; and a draft ServiceRequest proposing a follow-up PET-CT (SNOMED 450436003), the CDS card's
 * suggestion. Pure builders of plain JSON.
 */
import type { ClinicalInputs } from '../clinical/inputs.ts';
import * as C from '../clinical/codes.ts';

/** SNOMED CT 450436003 Positron emission tomography with computed tomography (procedure). */
export const PET_CT = '450436003';
/** The outcome the model predicts, as the RiskAssessment states it. */
export const OUTCOME_TEXT = 'Bone metastasis within 5 years';

/** A FHIR resource as plain JSON. */
export type FhirJson = Readonly<Record<string, unknown>>;

/** What a RiskAssessment is built from. */
export interface RiskFacts {
  readonly patientId: string;
  readonly probability: number;
  readonly category: string;
  readonly model: { readonly id: string; readonly version: string; readonly synthetic: boolean };
  readonly inputs: ClinicalInputs;
  /** `ImagingStudy/<id>` of the CT analysed, when known. */
  readonly imagingStudy?: string;
  /** When the assessment was made (ISO 8601). */
  readonly occurrence: string;
}

/** The references of the resources that decided the clinical inputs (the RiskAssessment's basis). */
function basisOf(facts: RiskFacts): { reference: string }[] {
  const refs = Object.values(facts.inputs)
    .map((v) => v.provenance?.reference)
    .filter((r): r is string => r !== undefined && /^[A-Za-z]+\/[^/]+$/.test(r));
  if (facts.imagingStudy !== undefined) refs.push(facts.imagingStudy);
  return [...new Set(refs)].map((reference) => ({ reference }));
}

const syntheticNote = (synthetic: boolean): { text: string }[] =>
  synthetic ? [{ text: 'Demonstration model trained on synthetic data: not for clinical use.' }] : [];

/** RiskAssessment (status final) of bone metastasis within five years for the patient. */
export function buildRiskAssessment(facts: RiskFacts): FhirJson {
  return {
    resourceType: 'RiskAssessment',
    status: 'final',
    subject: { reference: `Patient/${facts.patientId}` },
    occurrenceDateTime: facts.occurrence,
    method: { text: `BoneMet Risk nomogram, model ${facts.model.id} ${facts.model.version}` },
    basis: basisOf(facts),
    prediction: [
      {
        outcome: { text: OUTCOME_TEXT },
        probabilityDecimal: facts.probability,
        qualitativeRisk: { text: facts.category },
        whenRange: { high: { value: 5, unit: 'years', system: C.UCUM, code: 'a' } },
      },
    ],
    note: syntheticNote(facts.model.synthetic),
  };
}

/** A draft ServiceRequest (intent proposal) for a follow-up PET-CT, for the clinician to accept or not. */
export function buildPetCtServiceRequest(
  facts: Pick<RiskFacts, 'patientId' | 'probability' | 'model'>,
): FhirJson {
  const pct = (facts.probability * 100).toFixed(0);
  return {
    resourceType: 'ServiceRequest',
    status: 'draft',
    intent: 'proposal',
    code: {
      coding: [
        {
          system: C.SNOMED,
          code: PET_CT,
          display: 'Positron emission tomography with computed tomography (procedure)',
        },
      ],
      text: 'Follow-up PET-CT',
    },
    subject: { reference: `Patient/${facts.patientId}` },
    reasonCode: [{ text: `Estimated 5-year bone-metastasis risk ${pct} % (BoneMet Risk)` }],
    note: syntheticNote(facts.model.synthetic),
  };
}

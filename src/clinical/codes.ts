/**
 * Code systems and codes of the clinical inputs (DESIGN section 4): what the synthetic FHIR bundles write and
 * what the FHIR mapper matches (on system and code only, never on display text). Sources: LOINC (loinc.org) for the
 * observation codes and answer lists, SNOMED CT for the diagnosis and coded results, DICOM PS3.16 (DCM) for the
 * modality, HL7 terminology for the endpoint connection type and observation categories.
 */
export const LOINC = 'http://loinc.org';
export const SNOMED = 'http://snomed.info/sct';
export const UCUM = 'http://unitsofmeasure.org';
export const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
export const DICOM_UID_SYSTEM = 'urn:dicom:uid';
export const ENDPOINT_CONNECTION_TYPE = 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const CONDITION_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';

/** SNOMED CT 254837009 Malignant neoplasm of breast (disorder). */
export const BREAST_CANCER = '254837009';
/** SNOMED CT 10828004 Positive / 260385009 Negative (qualifier values). */
export const SNOMED_POSITIVE = '10828004';
export const SNOMED_NEGATIVE = '260385009';
/** LOINC answers LA6576-8 Positive / LA6577-6 Negative. */
export const LA_POSITIVE = 'LA6576-8';
export const LA_NEGATIVE = 'LA6577-6';
/** SNOMED CT 51185008 Thoracic structure (body site of the chest CT series). */
export const CHEST = '51185008';

/** LOINC observation codes (DESIGN section 4 table). */
export const OBS = {
  erPresence: '85337-4',
  erInterpretation: '16112-5',
  erPercent: '85329-1',
  prPresence: '85339-0',
  prInterpretation: '16113-3',
  prPercent: '85325-9',
  her2Interpretation: '48676-1',
  her2Ihc: '85319-2',
  her2Ish: '85318-4',
  her2Ratio: '49683-6',
  ki67: '85330-9',
  ki67Alt: '29593-1',
} as const;

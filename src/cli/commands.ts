import type { Command } from 'commander';

/** A `bonemet` command: its name, the one line the top-level help lists, and how to load its definition. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  /** Imports the command's module and registers it (options, help, action) on the program. */
  readonly register: (program: Command) => Promise<void>;
}

/**
 * Every `bonemet` command. Modules are imported only for the command being run, so `bonemet --help` and a
 * command's start-up load nothing of the library that command does not use.
 */
export const COMMANDS: readonly CliCommand[] = [
  {
    name: 'extract',
    summary: 'radiomic features of an image and a mask (files or DICOMweb)',
    register: async (p) => (await import('./extract.ts')).registerExtract(p),
  },
  {
    name: 'fetch',
    summary: 'a CT series from DICOMweb as a HU volume (NRRD)',
    register: async (p) => (await import('./fetch.ts')).registerFetch(p),
  },
  {
    name: 'roi',
    summary: 'automatic vertebral marrow ROI (T6) with QC',
    register: async (p) => (await import('./roi.ts')).registerRoi(p),
  },
  {
    name: 'demo',
    summary: 'the demo stack: a synthetic hospital, the CDS service, the SMART app and an EHR page',
    register: async (p) => (await import('./demo.ts')).registerDemo(p),
  },
  {
    name: 'demo-model',
    summary: 'train the demonstration model on the synthetic cohort',
    register: async (p) => (await import('./demo-model.ts')).registerDemoModel(p),
  },
  {
    name: 'fit-logistic',
    summary: 'logistic regression as R glm, with the Wald table',
    register: async (p) => (await import('./fit-logistic.ts')).registerFitLogistic(p),
  },
  {
    name: 'evaluate',
    summary: 'AUC with CI, threshold metrics and calibration of a score',
    register: async (p) => (await import('./evaluate.ts')).registerEvaluate(p),
  },
  {
    name: 'select',
    summary: 'feature selection (Pearson filter, mRMR)',
    register: async (p) => (await import('./select.ts')).registerSelect(p),
  },
  {
    name: 'train',
    summary: "the study's training pipeline: tables, figures, model artifact",
    register: async (p) => (await import('./train.ts')).registerTrain(p),
  },
  {
    name: 'predict',
    summary: 'score patients with a model artifact',
    register: async (p) => (await import('./predict.ts')).registerPredict(p),
  },
  {
    name: 'serve',
    summary: 'the CDS Hooks service (configured by the environment)',
    register: async (p) => (await import('./serve.ts')).registerServe(p),
  },
  {
    name: 'synth',
    summary: 'synthetic cohort: DICOM CT + SEG, FHIR bundles, clinical.csv',
    register: async (p) => (await import('./synth.ts')).registerSynth(p),
  },
];

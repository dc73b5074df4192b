import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readInputText } from './input-file.ts';
import type { FeatureVector } from '../radiomics/types.ts';
import { paramsFromSettings, parseParams, validateParams } from '../radiomics/params.ts';
import type { RadiomicsParams } from '../radiomics/params.ts';
import { analyseStudy } from '../analysis/analyse-study.ts';
import type { AnalysisFailed } from '../analysis/result.ts';
import { planExtract } from './extract-inputs.ts';
import type { ExtractInputOptions } from './extract-inputs.ts';
import { AnalysisFailedError, RoiQcError, SettingsError } from '../errors.ts';

interface ExtractCliOptions extends ExtractInputOptions {
  readonly params?: string;
  readonly label?: string;
  readonly out?: string;
}

/** CSV `feature,value` (diagnostics rows first, as extracted); values needing quotes are quoted. */
export function featuresToCsv(features: FeatureVector): string {
  const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['feature,value'];
  for (const [k, v] of features) lines.push(`${quote(k)},${quote(typeof v === 'number' ? String(v) : v)}`);
  return `${lines.join('\n')}\n`;
}

async function loadParams(path: string | undefined, label: string | undefined): Promise<RadiomicsParams> {
  let params =
    path === undefined ? paramsFromSettings({}) : parseParams(await readInputText(path, '--params'), path);
  if (label !== undefined) {
    const n = Number(label);
    if (!Number.isInteger(n) || n < 1 || n > 255)
      throw new SettingsError('invalid-setting', `--label must be an integer from 1 to 255, got ${label}`);
    params = validateParams({
      setting: { ...params.settings, label: n },
      imageType: Object.fromEntries(params.imageTypes.map((t) => [t.name, { ...t.settings, label: n }])),
      featureClass: Object.fromEntries(params.featureClasses.map((c) => [c.name, c.features])),
    });
  }
  return params;
}

/** Registers `bonemet extract` (feature extraction from image files). */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description(
      'extract PyRadiomics-compatible features from an image and a mask (CSV header feature,value)',
    )
    .option('--image <path>', 'image: NRRD (.nrrd), NIfTI (.nii, .nii.gz) or a DICOM CT series folder')
    .option('--mask <path>', 'label map on the same grid (NRRD or NIfTI), or a DICOM SEG file of the image')
    .option('--dicomweb <url>', 'read the CT (and SEG) from this DICOMweb root instead of files')
    .option('--study <uid>', 'StudyInstanceUID (with --dicomweb)')
    .option(
      '--series <uid>',
      'CT SeriesInstanceUID (with --dicomweb); default: the study CT series with the most instances',
    )
    .option('--seg <uid>', "SEG SeriesInstanceUID (with --dicomweb); default: the study's only SEG series")
    .option('--auto-roi', 'use the automatic vertebral marrow ROI instead of a mask')
    .option(
      '--allow-contrast',
      'with --auto-roi: keep the ROI of a contrast-enhanced scan (aorta > 120 HU, or contrast named in the DICOM headers) with a QC warning instead of failing',
    )
    .option(
      '--params <path>',
      'PyRadiomics parameter file (YAML or JSON); default: Original image, all default features',
    )
    .option('--label <n>', 'label value of the ROI in the mask (overrides setting.label)')
    .option('--out <path>', 'output file (.csv or .json); CSV on stdout when absent')
    .addHelpText(
      'after',
      '\nEnvironment (with --dicomweb): BONEMET_DICOMWEB_TOKEN (bearer token), BONEMET_DICOMWEB_ALLOWLIST (allowed origins, comma-separated; default: the --dicomweb origin)',
    )
    .action(async (opts: ExtractCliOptions) => {
      const params = await loadParams(opts.params, opts.label);
      const plan = planExtract(opts);
      const result = await analyseStudy(plan.source, plan.refs, {
        params,
        roi: plan.roi,
        contrast: plan.contrast,
        onProgress: (stage, detail) => {
          // Extraction progress always; the series and ROI steps when they are retrievals from a server.
          if (stage === 'features') process.stderr.write(`extract: ${detail}\n`);
          else if (opts.dicomweb !== undefined) process.stderr.write(`extract: ${stage}: ${detail}\n`);
        },
      });
      if (result.status === 'failed') throw analysisFailure(result, plan.roi);
      for (const f of result.findings)
        process.stderr.write(`extract: ${f.severity} (${f.code}): ${f.message}\n`);
      const features = result.features;
      const count = [...features.keys()].filter((k) => !k.startsWith('diagnostics_')).length;
      process.stderr.write(
        `extract: ${count} features in ${Math.round(result.timingsMs.features ?? 0)} ms\n`,
      );
      const text = opts.out?.toLowerCase().endsWith('.json')
        ? `${JSON.stringify(Object.fromEntries(features), null, 2)}\n`
        : featuresToCsv(features);
      if (opts.out === undefined) process.stdout.write(text);
      else await writeFile(opts.out, text);
    });
}

/** The error `extract` exits with when the analysis failed on the patient's data, with what to do instead. */
function analysisFailure(result: AnalysisFailed, roi: 'segmentation' | 'automatic'): Error {
  const errors = result.findings.filter((f) => f.severity === 'error');
  const messages = errors.map((f) => `${f.code}: ${f.message}`);
  if (result.roiQc !== undefined) {
    return new RoiQcError(
      `the automatic marrow ROI failed its quality control (${result.roiQc.reasons.join('; ') || 'no reason given'}); give a mask (--mask or --seg) instead`,
      result.roiQc.reasons,
    );
  }
  const hint =
    result.stage === 'roi' && roi === 'segmentation' ? '; give --seg <series uid> or --auto-roi' : '';
  return new AnalysisFailedError(result.stage, `${messages.join('; ')}${hint}`, messages);
}

import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readInputText } from './input-file.ts';
import type { FeatureVector } from '../radiomics/types.ts';
import { extractFeatures } from '../radiomics/extractor.ts';
import { paramsFromSettings, parseParams, validateParams } from '../radiomics/params.ts';
import type { RadiomicsParams } from '../radiomics/params.ts';
import { readExtractInputs } from './extract-inputs.ts';
import type { ExtractInputOptions } from './extract-inputs.ts';
import { SettingsError } from '../errors.ts';

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
      const { image, mask } = await readExtractInputs(opts);
      const started = Date.now();
      const features = extractFeatures(image, mask, params, {
        onProgress: (p) => process.stderr.write(`extract: [${p.done}/${p.total}] ${p.label}\n`),
      });
      const count = [...features.keys()].filter((k) => !k.startsWith('diagnostics_')).length;
      process.stderr.write(`extract: ${count} features in ${Date.now() - started} ms\n`);
      const text = opts.out?.toLowerCase().endsWith('.json')
        ? `${JSON.stringify(Object.fromEntries(features), null, 2)}\n`
        : featuresToCsv(features);
      if (opts.out === undefined) process.stdout.write(text);
      else await writeFile(opts.out, text);
    });
}

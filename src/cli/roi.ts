import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readImageFile } from './read-image.ts';
import type { ImageFile } from './read-image.ts';
import { findMarrowRoi, marrowRoiRefusal } from '../roi/marrow-roi.ts';
import type { MarrowRoiOptions, MarrowRoiResult } from '../roi/types.ts';
import { readDicomFolderAcquisition } from '../dicom/folder.ts';
import { writeNrrd } from '../volume/io/nrrd.ts';
import { encodePng } from '../volume/io/png.ts';
import type { Volume } from '../volume/types.ts';
import { renderRoiDebug } from '../roi/debug-picture.ts';
import { DicomError, ImageDataError } from '../errors.ts';

/**
 * The marrow ROI of an image file or DICOM folder, the series' acquisition headers passed along (DICOM). A
 * DICOM series of another modality (MR, say), which cannot be read as HU, gets the failed QC its headers
 * call for ("the series is MR, not CT: ...") rather than a decoder error.
 */
/** The marrow ROI of the image, with the volume it read (null when the headers refused the series unread). */
async function findImageRoiWithVolume(
  path: string,
  options: MarrowRoiOptions,
): Promise<{ result: MarrowRoiResult; volume: Volume | null }> {
  let image: ImageFile;
  try {
    image = await readImageFile(path, '--image');
  } catch (e) {
    if (e instanceof DicomError && e.code === 'unsupported-modality') {
      const refused = marrowRoiRefusal({ ...options, acquisition: await readDicomFolderAcquisition(path) });
      if (refused !== null) return { result: refused, volume: null };
    }
    throw e;
  }
  const { volume, acquisition } = image;
  const result = findMarrowRoi(volume, acquisition === null ? options : { ...options, acquisition });
  return { result, volume };
}

/** Options of `bonemet roi` as commander parses them. */
export interface RoiCliOptions {
  readonly image: string;
  readonly level?: string;
  readonly out: string;
  readonly json?: boolean;
  /** Keep the ROI of a contrast-enhanced scan (QC then carries a warning) instead of failing QC. */
  readonly allowContrast?: boolean;
  /** Write the debug picture (sagittal and coronal along the spine, levels, cues, ROI) to this PNG file. */
  readonly png?: string;
}

/**
 * The stdout JSON of `bonemet roi --json`: `{level, qc:{...}, levels:[{label, zRangeMm}]}` (DESIGN section 15),
 * plus `levelConfidence` (0..1) and `cues` (which anatomical cue said which level).
 */
function roiJson(result: MarrowRoiResult): string {
  return JSON.stringify({
    level: result.level,
    requestedLevel: result.requestedLevel,
    qc: result.qc,
    levels: result.levels,
    levelConfidence: result.levelConfidence,
    cues: result.cues,
  });
}

/**
 * Runs `bonemet roi`: reads the image, finds the marrow ROI ({@link findImageRoiWithVolume}), writes the mask (NRRD on
 * the image's grid, LPS) when QC passed. A failed QC writes no mask and prints the JSON (with --json); the
 * command then exits 2 with the reasons on stderr. The JSON's `qc` carries the headers' modality, contrast
 * values, slice thickness and kernel (null for NRRD and NIfTI).
 */
export async function runRoi(
  opts: RoiCliOptions,
  print: (text: string) => void = (text) => process.stdout.write(text),
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<MarrowRoiResult> {
  const started = Date.now();
  const { result, volume } = await findImageRoiWithVolume(opts.image, {
    ...(opts.level === undefined ? {} : { level: opts.level }),
    contrast: opts.allowContrast === true ? 'allow' : 'reject',
  });
  log(`roi: ${result.level ?? 'no ROI'} in ${Date.now() - started} ms`);
  if (result.mask !== undefined) {
    await writeFile(opts.out, writeNrrd(result.mask));
    log(`roi: mask written to ${opts.out}`);
  }
  if (opts.png !== undefined && volume !== null) {
    await writeFile(opts.png, encodePng(renderRoiDebug(volume, result)));
    log(`roi: debug picture written to ${opts.png}`);
  }
  if (opts.json === true) print(`${roiJson(result)}\n`);
  return result;
}

/** Registers `bonemet roi` (automatic vertebral marrow ROI with QC). */
export function registerRoi(program: Command): void {
  program
    .command('roi')
    .description('automatic vertebral marrow ROI (T6 by default, T7 then T5 when it fails QC) with QC')
    .requiredOption('--image <path>', 'CT volume in HU (.nrrd, .nii, .nii.gz) or a DICOM CT series folder')
    .option('--level <level>', 'vertebra wanted (default T6)')
    .requiredOption('--out <path>', 'output mask (.nrrd, label 1, on the image grid)')
    .option('--json', 'print {level, qc, levels} as JSON on stdout')
    .option(
      '--png <file>',
      'write a debug picture: sagittal and coronal views along the spine with the level names, the cues and the ROI',
    )
    .option(
      '--allow-contrast',
      'keep the ROI of a contrast-enhanced scan (aorta > 120 HU, or contrast named in the DICOM headers) with a QC warning instead of failing QC',
    )
    .action(async (opts: RoiCliOptions) => {
      const result = await runRoi(opts);
      if (!result.qc.passed) {
        throw new ImageDataError(
          'invalid-image',
          `roi QC failed, no mask written: ${result.qc.reasons.join('; ')}`,
        );
      }
    });
}

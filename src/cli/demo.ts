import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readInputText } from './input-file.ts';
import type { Command } from 'commander';
import { makeVertebraVolume } from '../synth/vertebra-volume.ts';
import { writeNrrd } from '../volume/io/nrrd.ts';
import { parseParams } from '../radiomics/params.ts';
import { extractFeatures } from '../radiomics/extractor.ts';
import { featuresToCsv } from './extract.ts';

interface DemoOptions {
  readonly out: string;
  readonly params: string;
}

/**
 * Registers `bonemet demo`: writes a generated vertebra-like CT volume and its marrow ROI as NRRD files, extracts
 * the study's 1197 features from them and prints a summary (what the engine does, end to end, on synthetic data).
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('generate a synthetic vertebra CT and its marrow ROI, and extract the study profile from it')
    .option('--out <dir>', 'folder for image.nrrd, mask.nrrd and features.csv', 'demo-output')
    .option('--params <path>', 'parameter file', 'params/study-1197.yaml')
    .action(async (opts: DemoOptions) => {
      const dir = resolve(opts.out);
      await mkdir(dir, { recursive: true });
      process.stderr.write(
        'demo: generating a 512x512x70 synthetic CT with one vertebra (synthetic data, not a patient)\n',
      );
      const { image, mask } = makeVertebraVolume({ seed: 1 });
      await writeFile(join(dir, 'image.nrrd'), writeNrrd(image));
      await writeFile(join(dir, 'mask.nrrd'), writeNrrd(mask));
      const params = parseParams(await readInputText(opts.params, '--params'), opts.params);
      const started = Date.now();
      const features = extractFeatures(image, mask, params, {
        onProgress: (p) => process.stderr.write(`demo: [${p.done}/${p.total}] ${p.label}\n`),
      });
      const ms = Date.now() - started;
      await writeFile(join(dir, 'features.csv'), featuresToCsv(features));
      const names = [...features.keys()].filter((k) => !k.startsWith('diagnostics_'));
      process.stdout.write(
        [
          `${names.length} features from a ${features.get('diagnostics_Mask-original_VoxelNum')}-voxel marrow ROI in ${ms} ms`,
          `files: ${join(dir, 'image.nrrd')}, ${join(dir, 'mask.nrrd')}, ${join(dir, 'features.csv')}`,
          ...[
            'original_firstorder_Mean',
            'original_shape_MeshVolume',
            'wavelet-LLH_glcm_Correlation',
            'square_gldm_DependenceEntropy',
          ].map((k) => `  ${k} = ${String(features.get(k))}`),
          `again: npx bonemet extract --image ${join(dir, 'image.nrrd')} --mask ${join(dir, 'mask.nrrd')} --params ${opts.params}`,
          '',
        ].join('\n'),
      );
    });
}

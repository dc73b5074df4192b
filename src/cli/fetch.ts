import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createDicomWebSource, chooseCtSeries } from '../dicom/dicomweb-source.ts';
import type { SeriesRef } from '../dicom/dicomweb-source.ts';
import { fetchSeriesVolume } from '../dicom/fetch-series.ts';
import type { SeriesVolume } from '../dicom/series-volume.ts';
import { writeNrrd } from '../volume/io/nrrd.ts';
import { SettingsError } from '../errors.ts';

/** Options of `bonemet fetch` as commander parses them. */
export interface FetchCliOptions {
  readonly dicomweb: string;
  readonly study: string;
  readonly series?: string;
  readonly out: string;
  readonly timeout?: string;
  readonly retrieve?: string;
  readonly allowIrregular?: boolean;
}

/**
 * The origins `fetch` may contact: those of BONEMET_DICOMWEB_ALLOWLIST when it is set (comma-separated),
 * otherwise only the origin of the `--dicomweb` URL the user typed.
 */
export function fetchAllowList(base: string, env: Readonly<Record<string, string | undefined>>): string[] {
  const list = env.BONEMET_DICOMWEB_ALLOWLIST;
  if (list !== undefined && list.trim() !== '') {
    return list
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  try {
    return [new URL(base).origin];
  } catch (e) {
    throw new SettingsError('invalid-setting', `--dicomweb must be an http(s) URL, got "${base}"`, {
      cause: e,
    });
  }
}

/**
 * Runs `bonemet fetch`: finds the series (the given one, or the study's largest CT series), retrieves and
 * decodes it, writes the volume as NRRD (LPS `space directions` and `space origin`). The bearer token,
 * if any, comes from BONEMET_DICOMWEB_TOKEN (never from the command line, where other users can see it).
 */
export async function runFetch(
  opts: FetchCliOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<SeriesVolume> {
  const timeoutMs = opts.timeout === undefined ? 60_000 : Number(opts.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new SettingsError(
      'invalid-setting',
      `--timeout must be a positive number of seconds, got ${opts.timeout}`,
    );
  }
  const retrieve = opts.retrieve ?? 'series';
  if (retrieve !== 'series' && retrieve !== 'instances') {
    throw new SettingsError('invalid-setting', `--retrieve must be "series" or "instances", got ${retrieve}`);
  }
  const token = env.BONEMET_DICOMWEB_TOKEN;
  const source = createDicomWebSource({
    baseUrl: opts.dicomweb,
    allowedOrigins: fetchAllowList(opts.dicomweb, env),
    timeoutMs,
    ...(token !== undefined && token !== '' ? { token } : {}),
  });
  const ref: SeriesRef =
    opts.series === undefined
      ? await chooseCtSeries(source, opts.study)
      : { studyInstanceUid: opts.study, seriesInstanceUid: opts.series };
  log(`fetch: retrieving series ${ref.seriesInstanceUid}`);
  const started = Date.now();
  const result = await fetchSeriesVolume(source, ref, {
    retrieve,
    onIrregularSpacing: opts.allowIrregular === true ? 'warn' : 'error',
  });
  for (const w of result.warnings) log(`fetch: warning (${w.code}): ${w.message}`);
  await writeFile(opts.out, writeNrrd(result.volume));
  const [nx, ny, nz] = result.volume.grid.size;
  log(`fetch: ${nx}x${ny}x${nz} voxels in ${Date.now() - started} ms, written to ${opts.out}`);
  return result;
}

/** Registers `bonemet fetch` (a CT series from a DICOMweb server to a NRRD volume). */
export function registerFetch(program: Command): void {
  program
    .command('fetch')
    .description('retrieve a CT series from a DICOMweb server as a HU volume (NRRD, LPS geometry)')
    .requiredOption('--dicomweb <url>', 'DICOMweb root, e.g. http://127.0.0.1:8042/dicom-web')
    .requiredOption('--study <uid>', 'StudyInstanceUID')
    .option('--series <uid>', 'SeriesInstanceUID; default: the study CT series with the most instances')
    .requiredOption('--out <path>', 'output volume (.nrrd)')
    .option('--timeout <seconds>', 'deadline of each request (default 60)')
    .option('--retrieve <mode>', '"series" (one request, default) or "instances" (one request per instance)')
    .option(
      '--allow-irregular',
      'accept missing slices or irregular spacing with a warning instead of failing',
    )
    .addHelpText(
      'after',
      '\nEnvironment: BONEMET_DICOMWEB_TOKEN (bearer token), BONEMET_DICOMWEB_ALLOWLIST (allowed origins, comma-separated; default: the --dicomweb origin)',
    )
    .action(async (opts: FetchCliOptions) => {
      await runFetch(opts);
    });
}

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './reference.ts';

const BIN = join(PROJECT_ROOT, 'src', 'cli', 'bin.mjs');

/** Result of one `bonemet` run. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node src/cli/bin.mjs <args>` from the project root. */
export function bonemet(args: readonly string[]): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes a CSV file from named columns (numbers written with full precision; strings as given). */
export function writeCsv(
  path: string,
  columns: Readonly<Record<string, readonly (number | string)[]>>,
): void {
  const names = Object.keys(columns);
  const n = columns[names[0]].length;
  const lines = [names.join(',')];
  for (let i = 0; i < n; i++) lines.push(names.map((k) => String(columns[k][i])).join(','));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

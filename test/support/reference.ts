import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder holding package.json). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared reference data folder, read in place: ../shared/reference from the project root. */
export const REFERENCE_ROOT = resolve(PROJECT_ROOT, '../shared/reference');

/** Absolute path of a file under ../shared/reference; throws a clear error when it is not there. */
export function referencePath(...parts: string[]): string {
  const p = join(REFERENCE_ROOT, ...parts);
  if (!existsSync(p)) {
    throw new Error(
      `reference file ${p} is missing: the tests read ../shared/reference in place beside the project`,
    );
  }
  return p;
}

/** Bytes of a reference file. */
export function readReference(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(referencePath(...parts)));
}

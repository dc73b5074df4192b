import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unpackReferenceArchive } from './reference-archive.ts';

/** The project root (the folder holding package.json). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The project's own copy of the public reference data its tests use (see test/reference/README.md). */
export const REFERENCE_ROOT = join(PROJECT_ROOT, 'test', 'reference');

/** Where packed reference datasets are unpacked on first use (gitignored). */
export const REFERENCE_CACHE = join(PROJECT_ROOT, '.cache', 'reference');

/**
 * Absolute path of a reference file or folder under test/reference. A folder kept packed as
 * `<folder>.tar.br` is unpacked once into .cache/reference (bytes checked against SHA256SUMS) and the path
 * of the unpacked copy returned. Throws a clear error when neither is there.
 */
export function referencePath(...parts: string[]): string {
  const p = join(REFERENCE_ROOT, ...parts);
  if (existsSync(p)) return p;
  const top = join(REFERENCE_ROOT, ...parts.slice(0, 2));
  const archive = `${top}.tar.br`;
  if (parts.length >= 2 && existsSync(archive)) {
    const name = parts[1];
    const cacheDir = join(REFERENCE_CACHE, parts[0], `${name}.unpacked`);
    const unpacked = join(unpackReferenceArchive(archive, cacheDir), name, ...parts.slice(2));
    if (existsSync(unpacked)) return unpacked;
  }
  throw new Error(`reference file ${p} is missing from the project's test/reference folder`);
}

/** Bytes of a reference file. */
export function readReference(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(referencePath(...parts)));
}

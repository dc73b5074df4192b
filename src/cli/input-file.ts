import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { InputFileError } from '../errors.ts';

function errorCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** The InputFileError for a failed read or stat of `path` (`what` names it: "--image", "the model artifact"). */
function inputFileError(e: unknown, path: string, what: string): InputFileError {
  const code = errorCode(e);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new InputFileError('file-not-found', `${what} ${path} does not exist (check the path)`, {
      cause: e,
    });
  }
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(e));
  return new InputFileError('file-unreadable', `${what} ${path} cannot be read: ${why}`, { cause: e });
}

/** Stats an input path; a missing or unreadable one is an {@link InputFileError} naming it. */
export async function statInput(path: string, what = 'input'): Promise<Stats> {
  try {
    return await stat(path);
  } catch (e) {
    throw inputFileError(e, path, what);
  }
}

/** Reads an input file's bytes; a missing one, a folder or an unreadable one is an {@link InputFileError}. */
export async function readInputBytes(path: string, what = 'input file'): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if (errorCode(e) === 'EISDIR') {
      throw new InputFileError('file-unreadable', `${what} ${path} is a folder, not a file`, { cause: e });
    }
    throw inputFileError(e, path, what);
  }
}

/** Reads an input file as UTF-8 text, with the errors of {@link readInputBytes}. */
export async function readInputText(path: string, what = 'input file'): Promise<string> {
  return Buffer.from(await readInputBytes(path, what)).toString('utf8');
}

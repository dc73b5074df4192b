import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputBytes, readInputText, statInput } from '../../../src/cli/input-file.ts';
import { InputFileError } from '../../../src/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'bonemet-input-'));

describe('readInputBytes', () => {
  it('reads an existing file', async () => {
    writeFileSync(join(dir, 'a.bin'), Uint8Array.of(1, 2, 3));
    assert.deepEqual([...(await readInputBytes(join(dir, 'a.bin')))], [1, 2, 3]);
  });

  it('throws InputFileError file-not-found naming the option and the path when the file is missing', async () => {
    const missing = join(dir, 'nope.nrrd');
    await assert.rejects(readInputBytes(missing, '--image'), (e: unknown) => {
      assert.ok(e instanceof InputFileError);
      assert.equal(e.code, 'file-not-found');
      assert.equal(e.message, `--image ${missing} does not exist (check the path)`);
      return true;
    });
  });

  it('throws InputFileError file-unreadable when the path is a folder', async () => {
    await assert.rejects(readInputBytes(dir, '--mask'), (e: unknown) => {
      assert.ok(e instanceof InputFileError);
      assert.equal(e.code, 'file-unreadable');
      assert.match(e.message, /is a folder, not a file/);
      return true;
    });
  });
});

describe('readInputText', () => {
  it('decodes UTF-8', async () => {
    writeFileSync(join(dir, 't.txt'), 'Ki-67 ≥ 14 %');
    assert.equal(await readInputText(join(dir, 't.txt')), 'Ki-67 ≥ 14 %');
  });
});

describe('statInput', () => {
  it('throws file-not-found for a missing folder', async () => {
    await assert.rejects(statInput(join(dir, 'none', 'deeper'), '--image'), { code: 'file-not-found' });
  });
});

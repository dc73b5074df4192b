import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fetchAllowList, runFetch } from '../../../src/cli/fetch.ts';
import { DicomWebError, SettingsError } from '../../../src/errors.ts';
import { PROJECT_ROOT } from '../../support/reference.ts';

const BIN = join(PROJECT_ROOT, 'src', 'cli', 'bin.mjs');
const quiet = (): void => undefined;

describe('fetchAllowList', () => {
  it('allows only the --dicomweb origin when BONEMET_DICOMWEB_ALLOWLIST is unset', () => {
    assert.deepEqual(fetchAllowList('http://127.0.0.1:8042/dicom-web', {}), ['http://127.0.0.1:8042']);
  });

  it('uses BONEMET_DICOMWEB_ALLOWLIST when set', () => {
    assert.deepEqual(
      fetchAllowList('http://a:1/x', { BONEMET_DICOMWEB_ALLOWLIST: ' https://pacs.example, http://a:1 ' }),
      ['https://pacs.example', 'http://a:1'],
    );
  });

  it('throws SettingsError for a --dicomweb that is not a URL', () => {
    assert.throws(() => fetchAllowList('pacs', {}), SettingsError);
  });
});

describe('runFetch', () => {
  it('refuses a host off BONEMET_DICOMWEB_ALLOWLIST before any request', async () => {
    await assert.rejects(
      runFetch(
        { dicomweb: 'http://10.9.8.7:8042/dicom-web', study: '1.2', out: '/nonexistent/x.nrrd' },
        { BONEMET_DICOMWEB_ALLOWLIST: 'http://127.0.0.1:8042' },
        quiet,
      ),
      (e: unknown) =>
        e instanceof DicomWebError && e.code === 'host-not-allowed' && /10\.9\.8\.7/.test(e.message),
    );
  });

  it('throws SettingsError for a bad --timeout or --retrieve', async () => {
    const base = { dicomweb: 'http://127.0.0.1:1/dw', study: '1.2', out: 'x.nrrd' };
    await assert.rejects(runFetch({ ...base, timeout: '-3' }, {}, quiet), SettingsError);
    await assert.rejects(runFetch({ ...base, retrieve: 'frames' }, {}, quiet), SettingsError);
  });
});

describe('bonemet fetch', () => {
  it('documents its options and environment in --help', () => {
    const r = spawnSync(process.execPath, [BIN, 'fetch', '--help'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0);
    for (const word of ['--dicomweb', '--study', '--series', '--out', 'BONEMET_DICOMWEB_TOKEN'])
      assert.ok(r.stdout.includes(word), word);
  });

  it('exits non-zero with one line naming the refused host', () => {
    const r = spawnSync(
      process.execPath,
      [BIN, 'fetch', '--dicomweb', 'http://10.9.8.7/dw', '--study', '1.2', '--out', 'x.nrrd'],
      {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        env: { ...process.env, BONEMET_DICOMWEB_ALLOWLIST: 'http://127.0.0.1:8042' },
      },
    );
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^bonemet: DicomWebError \(host-not-allowed\): .*10\.9\.8\.7/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});

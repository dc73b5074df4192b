import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../support/reference.ts';

describe('bonemet demo', () => {
  it('writes a synthetic CT, its ROI and the 1197 study features, and says the data is synthetic', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-demo-'));
    try {
      const r = spawnSync(
        process.execPath,
        [join(PROJECT_ROOT, 'src', 'cli', 'bin.mjs'), 'demo', '--out', dir],
        {
          cwd: PROJECT_ROOT,
          encoding: 'utf8',
        },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^1197 features from a \d+-voxel marrow ROI/);
      assert.match(r.stderr, /synthetic data, not a patient/);
      for (const f of ['image.nrrd', 'mask.nrrd', 'features.csv']) assert.ok(existsSync(join(dir, f)), f);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

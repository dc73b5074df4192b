import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureAppBuilt } from '../support/app-build.ts';
import { PROJECT_ROOT } from '../support/reference.ts';

describe('app/bundle-size.mjs', () => {
  it('finds the initial JS of the built app at most 200 kB gzip and reports the figure', async () => {
    await ensureAppBuilt();
    const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'app', 'bundle-size.mjs'), '--max-kb', '200'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const m = /app: index\.html initial JS (\d+\.\d) kB gzip \((\d+) files\)/.exec(r.stdout);
    assert.ok(m !== null, r.stdout);
    const kb = Number(m[1]);
    // Vue's runtime and fhirclient alone are well over 30 kB gzip: a smaller figure means the script missed files.
    assert.ok(kb > 30 && kb <= 200, `${kb} kB`);
    console.log(`initial JS of the app: ${kb} kB gzip in ${m[2]} files`);
    const tight = spawnSync(
      process.execPath,
      [join(PROJECT_ROOT, 'app', 'bundle-size.mjs'), '--max-kb', '30'],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(tight.status, 1, 'the limit is enforced');
  });
});

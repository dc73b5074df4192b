import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_VERSION } from '../../src/version.ts';
import { PROJECT_ROOT } from '../support/reference.ts';

describe('PACKAGE_VERSION', () => {
  it('equals the version in package.json (diagnostics and --version report it)', () => {
    const pkg: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    assert.ok(typeof pkg === 'object' && pkg !== null && 'version' in pkg);
    assert.equal(PACKAGE_VERSION, pkg.version);
  });
});

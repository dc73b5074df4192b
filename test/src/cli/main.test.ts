import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildProgram } from '../../../src/cli/main.ts';
import { COMMANDS } from '../../../src/cli/commands.ts';
import { bonemet } from '../../support/cli-runner.ts';
import { PROJECT_ROOT } from '../../support/reference.ts';

describe('buildProgram', () => {
  it('lists every command with its summary without loading any of them', async () => {
    const program = await buildProgram(['node', 'bonemet', '--help']);
    assert.deepEqual(
      program.commands.map((c) => [c.name(), c.summary()]),
      COMMANDS.map((c) => [c.name, c.summary]),
    );
    assert.ok(program.commands.every((c) => c.options.length === 0));
  });

  it('loads the options of the command named in argv only', async () => {
    const program = await buildProgram(['node', 'bonemet', 'roi', '--image', 'x.nrrd']);
    const roi = program.commands.find((c) => c.name() === 'roi');
    assert.ok(roi !== undefined);
    assert.ok(roi.options.some((o) => o.long === '--image'));
    assert.equal(program.commands.find((c) => c.name() === 'extract')?.options.length, 0);
  });
});

describe('bonemet (usage errors)', () => {
  it('names a missing required option and the command help in one line', () => {
    const r = bonemet(['roi', '--out', 'x.nrrd']);
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      "bonemet roi: required option '--image <path>' not specified (see bonemet roi --help)\n",
    );
  });

  it('names an unknown command in one line', () => {
    const r = bonemet(['xyzzy']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, "bonemet: unknown command 'xyzzy' (see bonemet --help)\n");
  });

  it('reports a missing input file as InputFileError naming the path, not as a format error', () => {
    const missing = join(PROJECT_ROOT, 'no-such-ct.nrrd');
    const r = bonemet(['extract', '--image', missing, '--mask', missing]);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      `bonemet: InputFileError (file-not-found): --image ${missing} does not exist (check the path)\n`,
    );
  });

  it('prints the top-level help listing every command', () => {
    const r = bonemet(['--help']);
    assert.equal(r.status, 0);
    for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`\\n  ${c.name} +`));
  });
});

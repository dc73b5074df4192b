import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as browser from '../../src/browser.ts';
import { PROJECT_ROOT } from '../support/reference.ts';

/** Every module `entry` loads at run time (type-only imports and exports erased), with its bare imports. */
function runtimeGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (graph.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specs: string[] = [];
    const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) specs.push(m[1]);
    graph.set(
      file,
      specs.filter((s) => !s.startsWith('.')),
    );
    for (const s of specs.filter((x) => x.startsWith('.'))) visit(resolve(dirname(file), s));
  };
  visit(entry);
  return graph;
}

describe('browser entry', () => {
  it('loads no node: module and no server-only package, however deep', () => {
    const graph = runtimeGraph(join(PROJECT_ROOT, 'src', 'browser.ts'));
    const offenders = [...graph].flatMap(([file, bare]) =>
      bare
        .filter((b) => b.startsWith('node:') || ['dcmjs', 'dicomweb-client', 'xhr2', 'commander'].includes(b))
        .map((b) => `${relative(PROJECT_ROOT, file)} imports ${b}`),
    );
    assert.deepEqual(offenders, []);
    assert.ok(graph.size > 5, `walked ${graph.size} modules`);
  });

  it('scores a nomogram and derives clinical inputs (the app computes points without the server)', () => {
    const inputs = browser.deriveClinicalInputs({ ki67Percent: 20 });
    assert.equal(inputs.ki67.value, 'ge14');
    assert.equal(typeof browser.scoreClinicalInputs, 'function');
    assert.equal(typeof browser.parseModelArtifact, 'function');
  });
});

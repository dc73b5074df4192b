#!/usr/bin/env node
// The `bonemet` command. Runs the JavaScript built in dist/ (built on first use, and again after a source
// changes); without TypeScript installed and no fresh build, it runs the TypeScript sources through tsx.
import { ensureBuilt } from './build.mjs';

let main;
if (ensureBuilt()) {
  ({ main } = await import('../../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv);

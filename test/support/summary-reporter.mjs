// A reporter for Node's test runner: one line per top-level suite as it ends, then a short summary that lists
// every failed test with its file and line (source-mapped: the runner is started with --enable-source-maps),
// its error, and the frame of the test file where it failed; last, the plain closing line
// `tests: N passed, N failed` (with skipped and todo counts). The full TAP is written beside it by the runner.
import { relative } from 'node:path';

const root = process.cwd();

function where(data) {
  if (data.file === undefined) return '(unknown file)';
  const file = relative(root, data.file.startsWith('file://') ? new URL(data.file).pathname : data.file);
  return data.line === undefined ? file : `${file}:${data.line}`;
}

/** The innermost error worth showing: the runner wraps a test's own error as ERR_TEST_FAILURE's cause. */
function innerError(error) {
  let e = error;
  while (e !== null && typeof e === 'object' && e.code === 'ERR_TEST_FAILURE' && e.cause !== undefined)
    e = e.cause;
  return e;
}

/** The first stack frame inside the failing test's own file (the assertion's real line), if any. */
function frameInFile(error, file) {
  const stack =
    error !== null && typeof error === 'object' && typeof error.stack === 'string' ? error.stack : '';
  if (file === undefined) return undefined;
  const path = file.startsWith('file://') ? new URL(file).pathname : file;
  const line = stack.split('\n').find((l) => l.includes(path));
  const m = line === undefined ? null : /:(\d+):(\d+)\)?\s*$/.exec(line);
  return m === null ? undefined : `${relative(root, path)}:${m[1]}:${m[2]}`;
}

function message(error) {
  if (error === null || typeof error !== 'object') return String(error);
  const text = typeof error.message === 'string' ? error.message : String(error);
  return text.split('\n').slice(0, 12).join('\n');
}

export default async function* summaryReporter(source) {
  const failures = [];
  const names = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let todo = 0;
  const stderrByFile = new Map();
  for await (const event of source) {
    if (event.type === 'test:stderr') {
      const lines = stderrByFile.get(event.data.file) ?? [];
      lines.push(...String(event.data.message).trimEnd().split('\n'));
      stderrByFile.set(event.data.file, lines.slice(-20));
      continue;
    }
    if (event.type === 'test:start') {
      names[event.data.nesting] = event.data.name;
      continue;
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    const isSuite = data.details?.type === 'suite';
    if (!isSuite) {
      if (data.skip !== undefined) skipped++;
      else if (data.todo !== undefined) todo++;
      else if (event.type === 'test:pass') passed++;
      else failed++;
    }
    if (event.type === 'test:fail') {
      const error = innerError(data.details?.error);
      const kind = data.details?.error?.failureType;
      // A suite whose subtests failed is reported through those subtests; anything else (a hook, a file that
      // failed to load, a suite that threw) is a failure of its own.
      if (kind !== 'subtestsFailed') {
        if (isSuite) failed++;
        const path = [...names.slice(0, data.nesting), data.name].join(' > ');
        // A file that failed to load or exited early says why only on its stderr.
        const stderr =
          data.nesting === 0 && data.name === data.file ? stderrByFile.get(data.file) : undefined;
        failures.push({
          path,
          where: where(data),
          frame: frameInFile(error, data.file),
          error,
          kind,
          stderr,
        });
      }
    }
    if (data.nesting === 0) {
      const mark = event.type === 'test:pass' ? 'ok  ' : 'FAIL';
      const ms = data.details?.duration_ms;
      yield `${mark} ${data.name} (${where(data)}${ms === undefined ? '' : `, ${Math.round(ms)} ms`})\n`;
    }
  }
  if (failures.length > 0) {
    yield `\n${failures.length} failure${failures.length === 1 ? '' : 's'}:\n`;
    for (const [i, f] of failures.entries()) {
      yield `\n${i + 1}) ${f.path}\n   at ${f.where}${f.frame !== undefined && !f.where.startsWith(f.frame) ? ` (failed at ${f.frame})` : ''}\n`;
      if (f.kind === 'cancelledByParent') yield '   cancelled: its parent failed or timed out\n';
      if (f.stderr !== undefined) yield `${f.stderr.map((l) => `   ${l}`).join('\n')}\n`;
      yield `${message(f.error)
        .split('\n')
        .map((l) => `   ${l}`)
        .join('\n')}\n`;
    }
  }
  yield `\ntests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}${todo > 0 ? `, ${todo} todo` : ''}\n`;
}

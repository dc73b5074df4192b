// Lints the <script> blocks of the app's Vue single-file components with the project's ESLint configuration,
// as if each block were a TypeScript file beside its component (so the import rules of app/ apply to it too).
// Part of `npm run lint`; ESLint itself skips .vue files (it has no Vue parser here). no-unused-vars is off for
// these blocks: their bindings are used by the templates, which vue-tsc checks (noUnusedLocals sees them).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('..', import.meta.url));

function vueFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? vueFiles(p) : name.endsWith('.vue') ? [p] : [];
  });
}

/** Lint messages of every component's script blocks: `file:line:column rule message`. */
export async function lintVueScripts() {
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: { rules: { '@typescript-eslint/no-unused-vars': 'off' } },
  });
  const out = [];
  for (const file of vueFiles(join(root, 'app', 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
      const offset = text.slice(0, m.index + m[0].indexOf('>') + 1).split('\n').length - 1;
      const [result] = await eslint.lintText(m[1], { filePath: `${file}.ts` });
      for (const msg of result.messages) {
        out.push(
          `${relative(root, file)}:${msg.line + offset}:${msg.column} ${msg.ruleId ?? 'parse'} ${msg.message}`,
        );
      }
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = await lintVueScripts();
  for (const p of problems) console.error(p);
  if (problems.length > 0) process.exitCode = 1;
}

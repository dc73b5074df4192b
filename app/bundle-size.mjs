// Reports the SMART app's initial JavaScript: the entry scripts and module preloads that app/dist/index.html
// and launch.html load before anything else, each gzip-compressed (level 9) and summed per page. Run after
// `vite build`; `node app/bundle-size.mjs --max-kb 200` exits 1 when the app page's initial JS is larger.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const APP_DIST = fileURLToPath(new URL('./dist', import.meta.url));

/** The initial JS files of a built page and their gzip sizes in bytes. */
export function initialJs(page, dist = APP_DIST) {
  const html = readFileSync(join(dist, page), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]);
  const files = [...new Set(refs)].map((ref) => {
    const bytes = readFileSync(join(dist, ref.replace(/^\/app\//, '')));
    return { file: ref, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  return { page, files, gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--max-kb');
  const maxKb = at > 0 ? Number(process.argv[at + 1]) : Infinity;
  let over = false;
  for (const page of ['index.html', 'launch.html']) {
    const r = initialJs(page);
    const kb = r.gzipBytes / 1000;
    console.log(`app: ${page} initial JS ${kb.toFixed(1)} kB gzip (${r.files.length} files)`);
    if (page === 'index.html' && kb > maxKb) over = true;
  }
  if (over) {
    console.error(`app: the initial JS of index.html is over ${maxKb} kB gzip`);
    process.exitCode = 1;
  }
}

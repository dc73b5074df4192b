/**
 * Reference datasets too large to keep as loose files (the real CTs) live in the repository as one
 * brotli-compressed POSIX ustar archive each (`<name>.tar.br`), with a `SHA256SUMS` file beside them listing
 * every archive and every file inside. The tests unpack an archive once into `.cache/reference/` (gitignored),
 * checking each file's bytes against the recorded sums, and read the files in place from there afterwards.
 *
 * Brotli because Node decompresses it without any tool outside the runtime; ustar because any tar reads it
 * (`brotli -d < x.tar.br | tar -x`). Only regular files in folders are supported: that is all the data needs.
 *
 * Run as a script to (re)pack a folder: `node --import tsx test/support/reference-archive.ts pack <folder> <out.tar.br>`
 * prints the SHA256SUMS lines for the archive and its files.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

const BLOCK = 512;

/** One regular file of an archive: its path inside (with `/`) and its bytes. */
export interface ArchiveEntry {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function writeString(block: Uint8Array, offset: number, length: number, text: string): void {
  const b = Buffer.from(text, 'utf8');
  if (b.length > length) throw new Error(`tar field too long (${b.length} > ${length}): ${text}`);
  block.set(b, offset);
}

function writeOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  writeString(block, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

/** A ustar header block for a regular file; mode 0644, owner 0, mtime 0, so the bytes depend on the data alone. */
function ustarHeader(path: string, size: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  writeString(h, 0, 100, path);
  writeOctal(h, 100, 8, 0o644);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, 0);
  h.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  h[156] = 0x30; // '0': regular file
  writeString(h, 257, 6, 'ustar\0');
  writeString(h, 263, 2, '00');
  let sum = 0;
  for (const byte of h) sum += byte;
  writeString(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** A ustar archive of the entries, in the order given, closed by two zero blocks. */
export function writeTar(entries: readonly ArchiveEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    parts.push(ustarHeader(e.path, e.bytes.length), e.bytes);
    const pad = (BLOCK - (e.bytes.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  return Buffer.concat(parts);
}

function readString(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return Buffer.from(end < 0 ? field : field.subarray(0, end)).toString('utf8');
}

/** The regular files of a ustar archive; throws on a bad checksum, a truncated entry or an unsafe path. */
export function readTar(tar: Uint8Array): ArchiveEntry[] {
  const out: ArchiveEntry[] = [];
  let pos = 0;
  while (pos + BLOCK <= tar.length) {
    const h = tar.subarray(pos, pos + BLOCK);
    if (h.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
    const recorded = parseInt(readString(h, 148, 8).trim(), 8);
    if (sum !== recorded) throw new Error(`tar header checksum mismatch at byte ${pos}`);
    const prefix = readString(h, 345, 155);
    const name = readString(h, 0, 100);
    const path = prefix === '' ? name : `${prefix}/${name}`;
    const size = parseInt(readString(h, 124, 12).trim(), 8);
    const type = String.fromCharCode(h[156]);
    pos += BLOCK;
    if (pos + size > tar.length) throw new Error(`tar entry ${path} is truncated`);
    if (type === '0' || type === '\0') {
      if (path.startsWith('/') || path.split('/').includes('..'))
        throw new Error(`unsafe path in archive: ${path}`);
      out.push({ path, bytes: tar.subarray(pos, pos + size) });
    }
    pos += Math.ceil(size / BLOCK) * BLOCK;
  }
  return out;
}

/** Parses `SHA256SUMS` text (`<hex>  <path>` per line) into a path -> hex map. */
export function parseSha256Sums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (m === null) throw new Error(`malformed SHA256SUMS line: ${line}`);
    sums.set(m[2], m[1]);
  }
  return sums;
}

/**
 * Unpacks `<archive>` (a `.tar.br` beside its `SHA256SUMS`) into `<cacheDir>` once and returns `cacheDir`.
 * Every unpacked file's SHA-256 must equal the recorded sum, and every recorded file of the archive must be
 * there. A finished unpack leaves a `.complete` stamp holding the archive's sum, so later calls cost one read;
 * a stale or partial cache is replaced. Parallel test processes may race: each unpacks into its own temporary
 * folder and renames it into place, and the loser discards its copy.
 */
export function unpackReferenceArchive(archive: string, cacheDir: string): string {
  const sums = parseSha256Sums(readFileSync(join(dirname(archive), 'SHA256SUMS'), 'utf8'));
  const archiveName = basename(archive);
  const archiveSum = sums.get(archiveName);
  if (archiveSum === undefined) throw new Error(`${archiveName} is not listed in SHA256SUMS beside it`);
  const stamp = join(cacheDir, '.complete');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === archiveSum) return cacheDir;

  const packed = new Uint8Array(readFileSync(archive));
  if (sha256Hex(packed) !== archiveSum) {
    throw new Error(`${archive} does not match its recorded SHA-256: the repository copy is damaged`);
  }
  const entries = readTar(brotliDecompressSync(packed));
  const expected = [...sums.keys()].filter((p) => p !== archiveName && p.startsWith(`${archiveName}/`));
  const tmp = `${cacheDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const e of entries) {
    const want = sums.get(`${archiveName}/${e.path}`);
    const got = sha256Hex(e.bytes);
    if (want !== got)
      throw new Error(`${archiveName}: ${e.path} has SHA-256 ${got}, recorded ${want ?? 'nothing'}`);
    const target = join(tmp, e.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, e.bytes);
  }
  if (entries.length !== expected.length) {
    throw new Error(`${archiveName} holds ${entries.length} files, SHA256SUMS lists ${expected.length}`);
  }
  writeFileSync(join(tmp, '.complete'), archiveSum);
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(dirname(cacheDir), { recursive: true });
  try {
    renameSync(tmp, cacheDir);
  } catch (e) {
    // Another process put a complete copy in place first: keep it, drop ours.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(stamp)) throw e;
  }
  return cacheDir;
}

/** The files of a folder, recursively, as archive entries with paths relative to the folder's parent, sorted. */
function folderEntries(folder: string): ArchiveEntry[] {
  const out: ArchiveEntry[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = `${rel}/${name}`;
      if (statSync(p).isDirectory()) walk(p, r);
      else out.push({ path: r, bytes: new Uint8Array(readFileSync(p)) });
    }
  };
  walk(folder, basename(folder));
  return out;
}

/** Packs a folder as `.tar.br` (brotli quality 11, 16 MiB window) and returns the SHA256SUMS lines for it. */
export function packReferenceArchive(folder: string, out: string): string[] {
  const entries = folderEntries(folder);
  const tar = writeTar(entries);
  const packed = brotliCompressSync(tar, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: tar.length,
    },
  });
  writeFileSync(out, packed);
  const name = basename(out);
  return [`${sha256Hex(packed)}  ${name}`, ...entries.map((e) => `${sha256Hex(e.bytes)}  ${name}/${e.path}`)];
}

if (
  process.argv[2] === 'pack' &&
  process.argv[1] !== undefined &&
  process.argv[1].endsWith('reference-archive.ts')
) {
  const [folder, out] = process.argv.slice(3);
  if (folder === undefined || out === undefined) {
    process.stderr.write('usage: reference-archive.ts pack <folder> <out.tar.br>\n');
    process.exit(2);
  }
  process.stdout.write(`${packReferenceArchive(folder, out).join('\n')}\n`);
}

import { DicomWebError } from '../errors.ts';

/**
 * multipart/related bodies (RFC 2046 section 5.1, RFC 2387) as DICOMweb WADO-RS returns them: parts
 * separated by CRLF "--" boundary, the last followed by "--". Pure: bytes in, part views out (no copy).
 */

/** One part: its header fields (lower-case names) and its content (a view into the body). */
export interface MultipartPart {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/** The `boundary` parameter of a multipart Content-Type; throws {@link DicomWebError} `bad-multipart` if absent. */
export function multipartBoundary(contentType: string): string {
  const [type, ...params] = contentType.split(';');
  if (!/^\s*multipart\//i.test(type)) {
    throw new DicomWebError(
      'bad-multipart',
      `expected a multipart response, got Content-Type "${contentType}"`,
    );
  }
  for (const p of params) {
    const m = /^\s*boundary\s*=\s*(?:"([^"]*)"|([^\s";]+))\s*$/i.exec(p);
    if (m) {
      const b = m[1] ?? m[2];
      if (b.length >= 1 && b.length <= 70) return b;
      throw new DicomWebError('bad-multipart', `the multipart boundary "${b}" must have 1 to 70 characters`);
    }
  }
  throw new DicomWebError(
    'bad-multipart',
    `the boundary is missing from Content-Type "${contentType}"; the server's multipart answer cannot be split`,
  );
}

const CR = 13;
const LF = 10;
const DASH = 45;

/** First index of `needle` in `hay` at or after `from`, or -1 (a native substring search over the bytes). */
function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  if (from >= hay.length) return -1;
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(needle, from);
}

function parseHeaders(bytes: Uint8Array): Record<string, string> {
  const text = new TextDecoder('latin1').decode(bytes);
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c > 0) out[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
  }
  return out;
}

/** Index just past the line end (CRLF or LF) that follows `i` after optional transport padding, or -1. */
function skipLineEnd(body: Uint8Array, i: number): number {
  let p = i;
  while (p < body.length && (body[p] === 32 || body[p] === 9)) p++;
  if (body[p] === CR && body[p + 1] === LF) return p + 2;
  if (body[p] === LF) return p + 1;
  return -1;
}

interface Delimiters {
  readonly boundary: string;
  readonly dash: Uint8Array;
  readonly lfDash: Uint8Array;
}

function delimitersOf(contentType: string): Delimiters {
  const boundary = multipartBoundary(contentType);
  const dash = new TextEncoder().encode(`--${boundary}`);
  return { boundary, dash, lfDash: new Uint8Array([LF, ...dash]) };
}

/** Position of the opening delimiter, or -1 when `body` holds none (yet). */
function openingDelimiter(d: Delimiters, body: Uint8Array): number {
  const { dash } = d;
  return body.length >= dash.length && dash.every((b, k) => body[k] === b) ? 0 : indexOf(body, dash, 0);
}

/** One step of the split: a part and where the next delimiter starts, the end, or "need more bytes". */
type Step =
  | { readonly kind: 'part'; readonly part: MultipartPart; readonly next: number }
  | { readonly kind: 'end' }
  | { readonly kind: 'more'; readonly scannedTo: number };

function incomplete(final: boolean, why: string, scannedTo = 0): Step {
  if (final) throw new DicomWebError('bad-multipart', why);
  return { kind: 'more', scannedTo };
}

/**
 * Reads the part whose delimiter starts at `at`. With `final`, missing bytes are an error; otherwise they
 * ask for more (`scanFrom`: where the search for the closing delimiter may resume).
 */
function stepAt(
  d: Delimiters,
  body: Uint8Array,
  at: number,
  count: number,
  final: boolean,
  scanFrom = 0,
): Step {
  const afterDelim = at + d.dash.length;
  if (afterDelim + 2 > body.length && !final) return { kind: 'more', scannedTo: 0 };
  if (body[afterDelim] === DASH && body[afterDelim + 1] === DASH) return { kind: 'end' };
  const start = skipLineEnd(body, afterDelim);
  if (start < 0) {
    return incomplete(
      final || afterDelim + 2 < body.length,
      `a multipart delimiter at byte ${at} is not followed by a line end (truncated body?)`,
    );
  }
  let headerEnd = -1;
  let contentStart = -1;
  if ((body[start] === CR && body[start + 1] === LF) || body[start] === LF) {
    headerEnd = start;
    contentStart = start + (body[start] === CR ? 2 : 1);
  } else {
    for (let i = start; i < body.length - 1; i++) {
      if (body[i] === LF && body[i + 1] === LF) {
        headerEnd = i;
        contentStart = i + 2;
        break;
      }
      if (body[i] === LF && body[i + 1] === CR && body[i + 2] === LF) {
        headerEnd = i;
        contentStart = i + 3;
        break;
      }
    }
  }
  if (headerEnd < 0) return incomplete(final, `part ${count + 1} has no end of headers (truncated body?)`);
  // Each later delimiter starts a line: search for LF "--" boundary (its CR, if any, is dropped below).
  const from = Math.max(contentStart - 1, scanFrom);
  const lf = indexOf(body, d.lfDash, from);
  if (lf < 0) {
    return incomplete(
      final,
      `part ${count + 1} has no closing "--${d.boundary}" delimiter; the body (${body.length} bytes) is truncated`,
      Math.max(from, body.length - d.lfDash.length + 1),
    );
  }
  const contentEnd = Math.max(contentStart, body[lf - 1] === CR ? lf - 1 : lf);
  return {
    kind: 'part',
    part: {
      headers: parseHeaders(body.subarray(start, headerEnd)),
      body: body.subarray(contentStart, contentEnd),
    },
    next: lf + 1,
  };
}

/**
 * Splits a multipart body into parts with their headers. Throws {@link DicomWebError} `bad-multipart`
 * when the boundary is missing from `contentType`, the body has no opening delimiter, a part has no header
 * end, or the closing delimiter is missing (truncated body).
 */
export function parseMultipartParts(contentType: string, body: Uint8Array): MultipartPart[] {
  const d = delimitersOf(contentType);
  // The first delimiter may open the body; later ones are preceded by a line end that belongs to them.
  let at = openingDelimiter(d, body);
  if (at < 0) {
    throw new DicomWebError(
      'bad-multipart',
      `the multipart body (${body.length} bytes) has no "--${d.boundary}" delimiter`,
    );
  }
  const parts: MultipartPart[] = [];
  for (;;) {
    const step = stepAt(d, body, at, parts.length, true);
    if (step.kind !== 'part') return parts;
    parts.push(step.part);
    at = step.next;
  }
}

/**
 * Splits a multipart body as it arrives: {@link MultipartReader.push} takes the next bytes and returns
 * the parts completed by them (each part's content copied out by default, so it outlives later pushes);
 * {@link MultipartReader.end} throws {@link DicomWebError} `bad-multipart` when the body stopped before its
 * closing delimiter. Only the part being received is held in memory.
 */
export class MultipartReader {
  private readonly d: Delimiters;
  private buf = new Uint8Array(1 << 16);
  private len = 0;
  /** Start of the current delimiter in `buf`, or -1 before the opening one. */
  private at = -1;
  private scanFrom = 0;
  private count = 0;
  private closed = false;

  /**
   * `copy` false hands out views into the reader's buffer instead of copies: each is valid only until the
   * next {@link MultipartReader.push}, for a caller that consumes a part before reading on.
   */
  constructor(
    contentType: string,
    private readonly copy = true,
  ) {
    this.d = delimitersOf(contentType);
  }

  /** Adds the next bytes of the body; returns the parts they complete. */
  push(chunk: Uint8Array): MultipartPart[] {
    if (this.closed || chunk.byteLength === 0) return [];
    // Keep only the bytes from the current delimiter on (parts handed out before are no longer in use).
    if (this.at > 0) {
      this.buf.copyWithin(0, this.at, this.len);
      this.len -= this.at;
      this.scanFrom = Math.max(0, this.scanFrom - this.at);
      this.at = 0;
    }
    if (this.len + chunk.byteLength > this.buf.byteLength) {
      const grown = new Uint8Array(Math.max(this.buf.byteLength * 2, this.len + chunk.byteLength));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.byteLength;
    const body = this.buf.subarray(0, this.len);
    const out: MultipartPart[] = [];
    if (this.at < 0) {
      this.at = openingDelimiter(this.d, body);
      if (this.at < 0) return out;
    }
    for (;;) {
      const step = stepAt(this.d, body, this.at, this.count, false, this.scanFrom);
      if (step.kind === 'end') {
        this.closed = true;
        break;
      }
      if (step.kind === 'more') {
        this.scanFrom = step.scannedTo;
        break;
      }
      out.push(this.copy ? { headers: step.part.headers, body: step.part.body.slice() } : step.part);
      this.count++;
      this.at = step.next;
      this.scanFrom = 0;
    }
    return out;
  }

  /** Throws {@link DicomWebError} `bad-multipart` unless the closing delimiter has been received. */
  end(): void {
    if (this.closed) return;
    const body = this.buf.subarray(0, this.len);
    if (this.at < 0) {
      throw new DicomWebError('bad-multipart', `the multipart body has no "--${this.d.boundary}" delimiter`);
    }
    stepAt(this.d, body, this.at, this.count, true);
    throw new DicomWebError(
      'bad-multipart',
      `the multipart body ended after ${this.count} parts without its closing "--${this.d.boundary}--" delimiter`,
    );
  }
}

/** The content of each part of a multipart body, in order (see {@link parseMultipartParts}). */
export function parseMultipart(contentType: string, body: Uint8Array): Uint8Array[] {
  return parseMultipartParts(contentType, body).map((p) => p.body);
}

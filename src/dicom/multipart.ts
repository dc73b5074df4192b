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

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  const last = hay.length - needle.length;
  outer: for (let i = hay.indexOf(first, from); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
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

/**
 * Splits a multipart body into parts with their headers. Throws {@link DicomWebError} `bad-multipart`
 * when the boundary is missing from `contentType`, the body has no opening delimiter, a part has no header
 * end, or the closing delimiter is missing (truncated body).
 */
export function parseMultipartParts(contentType: string, body: Uint8Array): MultipartPart[] {
  const boundary = multipartBoundary(contentType);
  const dash = new TextEncoder().encode(`--${boundary}`);
  const lfDash = new Uint8Array([LF, ...dash]);
  // The first delimiter may open the body; later ones are preceded by a line end that belongs to them.
  let at = body.length >= dash.length && dash.every((b, k) => body[k] === b) ? 0 : indexOf(body, dash, 0);
  if (at < 0) {
    throw new DicomWebError(
      'bad-multipart',
      `the multipart body (${body.length} bytes) has no "--${boundary}" delimiter`,
    );
  }
  const parts: MultipartPart[] = [];
  for (;;) {
    const afterDelim = at + dash.length;
    if (body[afterDelim] === DASH && body[afterDelim + 1] === DASH) return parts;
    const start = skipLineEnd(body, afterDelim);
    if (start < 0) {
      throw new DicomWebError(
        'bad-multipart',
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
    if (headerEnd < 0) {
      throw new DicomWebError(
        'bad-multipart',
        `part ${parts.length + 1} has no end of headers (truncated body?)`,
      );
    }
    // Each later delimiter starts a line: search for LF "--" boundary (its CR, if any, is dropped below).
    const lf = indexOf(body, lfDash, contentStart - 1);
    if (lf < 0) {
      throw new DicomWebError(
        'bad-multipart',
        `part ${parts.length + 1} has no closing "--${boundary}" delimiter; the body (${body.length} bytes) is truncated`,
      );
    }
    const contentEnd = Math.max(contentStart, body[lf - 1] === CR ? lf - 1 : lf);
    parts.push({
      headers: parseHeaders(body.subarray(start, headerEnd)),
      body: body.subarray(contentStart, contentEnd),
    });
    at = lf + 1;
  }
}

/** The content of each part of a multipart body, in order (see {@link parseMultipartParts}). */
export function parseMultipart(contentType: string, body: Uint8Array): Uint8Array[] {
  return parseMultipartParts(contentType, body).map((p) => p.body);
}

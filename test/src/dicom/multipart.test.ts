import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { multipartBoundary, parseMultipart, parseMultipartParts } from '../../../src/dicom/multipart.ts';
import { DicomWebError } from '../../../src/errors.ts';
import { seededUniform } from '../../support/random.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A multipart/related body of `parts` with `boundary`, CRLF line ends unless `eol` says otherwise. */
function buildBody(boundary: string, parts: readonly Uint8Array[], eol = '\r\n', preamble = ''): Uint8Array {
  const chunks: Uint8Array[] = [enc(preamble)];
  parts.forEach((p, i) => {
    chunks.push(
      enc(
        `${i === 0 && preamble === '' ? '' : eol}--${boundary}${eol}Content-Type: application/dicom${eol}Content-Length: ${p.length}${eol}${eol}`,
      ),
      p,
    );
  });
  chunks.push(enc(`${eol}--${boundary}--${eol}`));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function randomBytes(n: number, seed: number): Uint8Array {
  const next = seededUniform(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
}

const badMultipart = (e: unknown): boolean => e instanceof DicomWebError && e.code === 'bad-multipart';

describe('parseMultipart', () => {
  it('splits a CRLF body into its parts byte for byte, binary content included', () => {
    const parts = [
      randomBytes(1000, 1),
      enc('--not-the-boundary\r\n\r\n'),
      new Uint8Array(0),
      randomBytes(3, 2),
    ];
    const ct = 'multipart/related; type="application/dicom"; boundary=abc123';
    const out = parseMultipart(ct, buildBody('abc123', parts));
    assert.equal(out.length, 4);
    out.forEach((p, i) => assert.deepEqual(p, parts[i]));
  });

  it('reads a quoted boundary, a preamble and LF-only line ends', () => {
    const parts = [enc('first'), enc('second\r\n')];
    const out = parseMultipart(
      'multipart/related; boundary="b:1 2"; type=application/dicom',
      buildBody('b:1 2', parts, '\n', 'preamble text\n'),
    );
    assert.deepEqual(
      out.map((p) => new TextDecoder().decode(p)),
      ['first', 'second\r\n'],
    );
  });

  it('gives the part headers with lower-case names', () => {
    const [p] = parseMultipartParts('multipart/related; boundary=x', buildBody('x', [enc('abc')]));
    assert.equal(p.headers['content-type'], 'application/dicom');
    assert.equal(p.headers['content-length'], '3');
  });

  it('returns no part for a body with only the closing delimiter', () => {
    assert.deepEqual(parseMultipart('multipart/related; boundary=q', enc('--q--\r\n')), []);
  });

  it('throws DicomWebError when the boundary is missing from Content-Type', () => {
    assert.throws(
      () => parseMultipart('multipart/related; type="application/dicom"', enc('')),
      (e: unknown) => badMultipart(e) && /boundary is missing/.test(String(e)),
    );
    assert.throws(() => multipartBoundary('application/dicom'), badMultipart);
    assert.throws(() => multipartBoundary(`multipart/related; boundary=${'x'.repeat(71)}`), badMultipart);
  });

  it('throws DicomWebError bad-multipart when the body is truncated or has no delimiter', () => {
    const body = buildBody('zz', [randomBytes(500, 3), randomBytes(500, 4)]);
    const ct = 'multipart/related; boundary=zz';
    for (const cut of [10, 200, 520, 700, body.length - 10]) {
      assert.throws(() => parseMultipart(ct, body.subarray(0, cut)), badMultipart, `cut at ${cut}`);
    }
    assert.throws(() => parseMultipart(ct, enc('no delimiter here')), badMultipart);
  });

  it('only returns parts or throws DicomWebError on 10,000 mutated bodies', () => {
    const ct = 'multipart/related; type="application/dicom"; boundary=fz';
    const base = buildBody('fz', [randomBytes(40, 5), enc('x'), randomBytes(25, 6)]);
    const next = seededUniform(99);
    const alphabet = enc('-\r\nfz:ab');
    let ok = 0;
    for (let n = 0; n < 10_000; n++) {
      let m: Uint8Array = base.slice();
      const kind = n % 4;
      if (kind === 0) m[Math.floor(next() * m.length)] = alphabet[Math.floor(next() * alphabet.length)];
      else if (kind === 1) m = m.subarray(0, Math.floor(next() * m.length));
      else if (kind === 2) {
        const at = Math.floor(next() * m.length);
        m = new Uint8Array([...m.subarray(0, at), ...m.subarray(at + 1 + Math.floor(next() * 4))]);
      } else {
        for (let k = 0; k < 3; k++) m[Math.floor(next() * m.length)] = Math.floor(next() * 256);
      }
      try {
        const parts = parseMultipart(ct, m);
        for (const p of parts)
          assert.ok(p.byteOffset >= m.byteOffset && p.byteOffset + p.length <= m.byteOffset + m.length);
        ok++;
      } catch (e) {
        assert.ok(badMultipart(e), `mutation ${n}: ${String(e)}`);
      }
    }
    assert.ok(ok > 1000, `${ok} mutations parsed`);
  });
});

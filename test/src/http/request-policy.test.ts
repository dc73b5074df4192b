import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAllowedHost,
  isAllowedOrigin,
  backoffDelayMs,
  ConcurrencyLimit,
  sleepUnlessAborted,
  withRetries,
} from '../../../src/http/request-policy.ts';
import { DICOMWEB } from '../../../src/dicom/dicomweb-service.ts';
import { DicomWebError } from '../../../src/errors.ts';
import { FHIR_LIKE, UpstreamTestError } from '../../support/upstream-service.ts';

const policy = { retries: 2, baseDelayMs: 1, maxDelayMs: 50 };

describe('assertAllowedHost', () => {
  it('accepts a URL whose origin is listed, whatever its path and case', () => {
    assertAllowedHost(DICOMWEB, 'http://127.0.0.1:8042/dicom-web/studies', ['http://127.0.0.1:8042']);
    assertAllowedHost(DICOMWEB, 'https://PACS.example.org/wado', ['https://pacs.example.org/']);
  });

  it('throws host-not-allowed naming the host for another host, port or scheme', () => {
    const refused = (url: string, host: string) =>
      assert.throws(
        () => assertAllowedHost(DICOMWEB, url, ['http://127.0.0.1:8042']),
        (e: unknown) =>
          e instanceof DicomWebError && e.code === 'host-not-allowed' && e.message.includes(host),
      );
    refused('http://evil.example:8042/dicom-web', 'evil.example:8042');
    refused('http://127.0.0.1:9999/dicom-web', '127.0.0.1:9999');
    refused('https://127.0.0.1:8042/dicom-web', '127.0.0.1:8042');
    assert.throws(() => assertAllowedHost(DICOMWEB, 'file:///etc/passwd', ['file://']), {
      code: 'invalid-url',
    });
    assert.throws(() => assertAllowedHost(DICOMWEB, 'not a url', ['http://a']), { code: 'invalid-url' });
    assert.throws(() => assertAllowedHost(DICOMWEB, 'http://a/', []), DicomWebError);
  });
});

describe('ConcurrencyLimit', () => {
  it('never runs more than the limit at once and runs every task', async () => {
    const limit = new ConcurrencyLimit(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        limit.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
          return i;
        }),
      ),
    );
    assert.equal(peak, 3);
    assert.deepEqual(
      results,
      Array.from({ length: 12 }, (_, i) => i),
    );
  });

  it('frees its slot when a task fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await assert.rejects(limit.run(() => Promise.reject(new Error('x'))));
    assert.equal(await limit.run(() => Promise.resolve(5)), 5);
    assert.throws(() => new ConcurrencyLimit(0), RangeError);
  });
});

describe('backoffDelayMs', () => {
  it('doubles from the base, honours Retry-After seconds and caps both', () => {
    const p = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((k) => backoffDelayMs(p, k)),
      [100, 200, 400, 800, 1000],
    );
    assert.equal(backoffDelayMs(p, 0, '0.5'), 500);
    assert.equal(backoffDelayMs(p, 0, '30'), 1000);
    assert.equal(backoffDelayMs(p, 1, 'Wed, 21 Oct 2015 07:28:00 GMT'), 200);
  });
});

describe('withRetries', () => {
  it('retries 429 and 503 up to the limit, then gives the last error', async () => {
    let calls = 0;
    await assert.rejects(
      withRetries(DICOMWEB, policy, async () => {
        calls++;
        throw new DicomWebError('upstream-status', 'busy', { status: calls % 2 ? 503 : 429 });
      }),
      (e: unknown) => e instanceof DicomWebError && e.status !== undefined,
    );
    assert.equal(calls, 3);
  });

  it('returns the first success after retryable failures', async () => {
    let calls = 0;
    const v = await withRetries(DICOMWEB, policy, async () => {
      calls++;
      if (calls < 3) throw new DicomWebError('upstream-status', 'busy', { status: 503 });
      return 'ok';
    });
    assert.equal(v, 'ok');
  });

  it('does not retry other statuses or other errors', async () => {
    let calls = 0;
    await assert.rejects(
      withRetries(DICOMWEB, policy, async () => {
        calls++;
        throw new DicomWebError('upstream-status', 'bad', { status: 500 });
      }),
    );
    await assert.rejects(
      withRetries(DICOMWEB, policy, async () => {
        calls++;
        throw new Error('x');
      }),
    );
    assert.equal(calls, 2);
  });

  it('stops waiting with aborted when the signal fires during backoff', async () => {
    const ac = new AbortController();
    const slow = { retries: 3, baseDelayMs: 10_000, maxDelayMs: 10_000 };
    const p = withRetries(
      DICOMWEB,
      slow,
      async () => {
        throw new DicomWebError('upstream-status', 'busy', { status: 429 });
      },
      ac.signal,
    );
    setTimeout(() => ac.abort(), 10);
    await assert.rejects(p, (e: unknown) => e instanceof DicomWebError && e.code === 'aborted');
    await assert.rejects(sleepUnlessAborted(DICOMWEB, 5, AbortSignal.abort()), DicomWebError);
  });
});

describe('the request policy for another service', () => {
  it("names that service and its allow-list variable, and fails with that service's error", () => {
    assert.throws(
      () => assertAllowedHost(FHIR_LIKE, 'https://ehr.example/fhir', ['https://other.example']),
      (e: unknown) =>
        e instanceof UpstreamTestError &&
        e.code === 'host-not-allowed' &&
        e.message ===
          'the FHIR host ehr.example is not on the allow-list (https://other.example); add its origin to BONEMET_FHIR_ALLOWLIST if it is trusted',
    );
  });

  it("retries that service's 503 and gives up on its 400", async () => {
    let calls = 0;
    const v = await withRetries(FHIR_LIKE, policy, async () => {
      calls++;
      if (calls < 3) throw new UpstreamTestError('upstream-status', 'busy', 503);
      return 'ok';
    });
    assert.deepEqual([v, calls], ['ok', 3]);
    calls = 0;
    await assert.rejects(
      withRetries(FHIR_LIKE, policy, async () => {
        calls++;
        throw new UpstreamTestError('upstream-status', 'bad', 400);
      }),
      { code: 'upstream-status' },
    );
    assert.equal(calls, 1);
  });
});

describe('isAllowedOrigin', () => {
  it('compares origins whatever the path, case or trailing slash, and refuses non-http URLs and malformed entries', () => {
    assert.equal(isAllowedOrigin('https://EHR.example/fhir/Patient/1', ['https://ehr.example/']), true);
    assert.equal(isAllowedOrigin('https://ehr.example:8443/fhir', ['https://ehr.example']), false);
    assert.equal(isAllowedOrigin('file:///etc/passwd', ['file://']), false);
    assert.equal(isAllowedOrigin('not a url', ['http://a']), false);
    assert.equal(isAllowedOrigin('http://a/x', ['not an origin', 'http://a']), true);
  });
});

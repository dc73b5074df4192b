import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearerHeaders, hasHttpStatus } from '../../../src/http/upstream.ts';
import { FHIR_LIKE, UpstreamTestError } from '../../support/upstream-service.ts';

describe('bearerHeaders', () => {
  it('sends a token, or a fresh one from a function, as Authorization: Bearer; none for an empty one', async () => {
    assert.deepEqual(await bearerHeaders(FHIR_LIKE, 'abc.def'), { Authorization: 'Bearer abc.def' });
    assert.deepEqual(await bearerHeaders(FHIR_LIKE, () => Promise.resolve('fresh')), {
      Authorization: 'Bearer fresh',
    });
    assert.deepEqual(await bearerHeaders(FHIR_LIKE, ''), {});
    assert.deepEqual(await bearerHeaders(FHIR_LIKE, undefined), {});
  });

  it('refuses a token that would split the header, without printing it', async () => {
    await assert.rejects(bearerHeaders(FHIR_LIKE, 'secret\r\nX-Injected: 1'), (e: unknown) => {
      assert.ok(e instanceof UpstreamTestError);
      assert.equal(e.code, 'invalid-token');
      assert.ok(!e.message.includes('secret'));
      return true;
    });
  });
});

describe('hasHttpStatus', () => {
  it('is true only for a typed error that carries a status', () => {
    assert.equal(hasHttpStatus(new UpstreamTestError('upstream-status', 'x', 503)), true);
    assert.equal(hasHttpStatus(new UpstreamTestError('network', 'x')), false);
    assert.equal(hasHttpStatus(new Error('x')), false);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../server/config.ts';

const clients = JSON.stringify([
  { iss: 'https://ehr.test', jwks: { keys: [{ kty: 'EC', crv: 'P-384', x: 'a', y: 'b' }] } },
]);
const ok = { BONEMET_CDS_CLIENTS: clients, BONEMET_PUBLIC_URL: 'https://bonemet.example/' };

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.variable;
  }
  throw new Error('accepted');
}

describe('loadConfig', () => {
  it('reads the defaults of DESIGN section 15 and the demo model', () => {
    const c = loadConfig(ok);
    assert.equal(c.port, 3000);
    assert.equal(c.publicUrl, 'https://bonemet.example');
    assert.equal(c.auth, 'jwt');
    assert.equal(c.hookBudgetMs, 450);
    assert.equal(c.missingInputs, 'card');
    assert.equal(c.model.trainingData.synthetic, true);
    assert.deepEqual(c.fhirAllowList, []);
    assert.equal(c.redisUrl, undefined);
    assert.equal(
      loadConfig({ ...ok, BONEMET_REDIS_URL: 'redis://cache:6379/2' }).redisUrl,
      'redis://cache:6379/2',
    );
  });

  it('stops on a bad value, naming the variable', () => {
    assert.equal(refusal({ ...ok, PORT: 'eighty' }), 'PORT');
    assert.equal(refusal({ ...ok, BONEMET_AUTH: 'maybe' }), 'BONEMET_AUTH');
    assert.equal(refusal({ BONEMET_AUTH: 'jwt' }), 'BONEMET_CDS_CLIENTS');
    assert.equal(refusal({ ...ok, BONEMET_CDS_CLIENTS: '[{"iss":"x"}]' }), 'BONEMET_CDS_CLIENTS');
    assert.equal(
      refusal({ ...ok, BONEMET_FHIR_ALLOWLIST: 'https://ehr.example/fhir' }),
      'BONEMET_FHIR_ALLOWLIST',
    );
    assert.equal(
      refusal({ ...ok, BONEMET_DICOMWEB_DEFAULT: 'https://pacs.example/dicom-web' }),
      'BONEMET_DICOMWEB_DEFAULT',
    );
    assert.equal(refusal({ ...ok, BONEMET_MODEL: '/no/such/model.json' }), 'BONEMET_MODEL');
    assert.equal(refusal({ ...ok, BONEMET_HOOK_BUDGET_MS: '5' }), 'BONEMET_HOOK_BUDGET_MS');
    assert.equal(refusal({ ...ok, BONEMET_MISSING_INPUTS: 'sometimes' }), 'BONEMET_MISSING_INPUTS');
    assert.equal(refusal({ ...ok, BONEMET_REDIS_URL: 'http://cache:6379' }), 'BONEMET_REDIS_URL');
  });

  it('lets local development turn the JWT check off explicitly', () => {
    assert.equal(loadConfig({ BONEMET_AUTH: 'off' }).auth, 'off');
  });
});

describe('smart-config/cds-hooks-sandbox.json', () => {
  it("configures the sandbox's published ES384 key as a trusted issuer", () => {
    const c = loadConfig({ BONEMET_CDS_CLIENTS: 'smart-config/cds-hooks-sandbox.json' });
    assert.equal(c.cdsClients.length, 1);
    const [client] = c.cdsClients;
    assert.equal(client.iss, 'https://sandbox.cds-hooks.org');
    assert.ok('jwks' in client);
    assert.deepEqual(
      client.jwks.keys.map((k) => [k.kty, k.crv, k.kid, k.alg]),
      [['EC', 'P-384', '44823f3d-0b01-4a6c-a80e-b9d3e8a7226f', 'ES384']],
    );
  });
});

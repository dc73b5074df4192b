import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { grantsCreate, requestedScopes } from '../../../../app/src/smart/scopes.ts';
import { PROJECT_ROOT } from '../../../support/reference.ts';

describe('requestedScopes', () => {
  it('asks SMART v2 read scopes and the create scopes of the ROI review and the order for an EHR launch on a v2 server', () => {
    assert.equal(
      requestedScopes({ ehrLaunch: true, v2: true, ordering: true }),
      'launch openid fhirUser patient/Patient.rs patient/Observation.rs patient/Condition.rs patient/ImagingStudy.rs patient/Endpoint.rs patient/Provenance.c patient/ServiceRequest.c',
    );
  });

  it('falls back to v1 scopes, asks launch/patient standalone, and leaves out ordering when it is off', () => {
    assert.equal(
      requestedScopes({ ehrLaunch: false, v2: false, ordering: false }),
      'launch/patient openid fhirUser patient/Patient.read patient/Observation.read patient/Condition.read patient/ImagingStudy.read patient/Endpoint.read patient/Provenance.write',
    );
  });
});

describe('grantsCreate', () => {
  it('reads v2 c, v1 write and wildcards as the right to create, and read scopes as not', () => {
    assert.equal(grantsCreate('launch patient/ServiceRequest.c', 'ServiceRequest'), true);
    assert.equal(grantsCreate('patient/ServiceRequest.cruds', 'ServiceRequest'), true);
    assert.equal(grantsCreate('patient/ServiceRequest.write', 'ServiceRequest'), true);
    assert.equal(grantsCreate('user/*.*', 'ServiceRequest'), true);
    assert.equal(grantsCreate('patient/ServiceRequest.rs patient/*.read', 'ServiceRequest'), false);
    assert.equal(grantsCreate('patient/Observation.c', 'ServiceRequest'), false);
    assert.equal(grantsCreate(undefined, 'ServiceRequest'), false);
  });
});

describe('smart-config registrations', () => {
  it('ask for exactly the scopes the app asks for, in the version each server takes', () => {
    const dir = join(PROJECT_ROOT, 'smart-config');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'cds-hooks-sandbox.json');
    assert.deepEqual(files.sort(), [
      'epic-sandbox.json',
      'hapi-public-r4.json',
      'local-stack.json',
      'oracle-health-sandbox.json',
      'smart-launcher.json',
    ]);
    for (const f of files) {
      const reg = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
        fhirBaseUrl: string;
        scopes: { ehrLaunch?: string; standaloneLaunch?: string };
      };
      assert.match(reg.fhirBaseUrl, /^https?:\/\//, f);
      if (reg.scopes.ehrLaunch === undefined) continue;
      const v2 = reg.scopes.ehrLaunch.includes('.rs');
      assert.equal(reg.scopes.ehrLaunch, requestedScopes({ ehrLaunch: true, v2, ordering: true }), f);
      assert.equal(reg.scopes.standaloneLaunch, requestedScopes({ ehrLaunch: false, v2, ordering: true }), f);
    }
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scopeAllowsCreate } from '../../../src/fhir/smart-scopes.ts';

describe('scopeAllowsCreate', () => {
  it('reads SMART v2 and v1 scopes for creating a resource type', () => {
    const cases: [string, boolean][] = [
      ['patient/Provenance.c', true],
      ['user/Provenance.cruds', true],
      ['patient/*.cud', true],
      ['patient/Provenance.write', true],
      ['user/*.*', true],
      ['patient/Provenance.rs', false],
      ['patient/Provenance.read', false],
      ['patient/Observation.c', false],
      ['launch openid fhirUser patient/Patient.rs', false],
      ['', false],
    ];
    for (const [scope, allowed] of cases)
      assert.equal(scopeAllowsCreate(scope, 'Provenance'), allowed, scope);
  });
});

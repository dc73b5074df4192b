import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cdsResponseViolations } from '../../../server/cds/card-schema.ts';

const card = (extra: Record<string, unknown> = {}) => ({
  summary: 'Risk 12 %',
  indicator: 'info',
  source: { label: 'BoneMet Risk' },
  ...extra,
});

describe('cdsResponseViolations', () => {
  it('accepts an empty response and a minimal card', () => {
    assert.deepEqual(cdsResponseViolations({ cards: [] }), []);
    assert.deepEqual(cdsResponseViolations({ cards: [card()] }), []);
  });

  it('names each missing or malformed required field', () => {
    assert.deepEqual(cdsResponseViolations({}), [
      'cards: required array (empty when there is nothing to say)',
    ]);
    assert.deepEqual(cdsResponseViolations({ cards: [{ indicator: 'urgent', source: {} }] }), [
      'cards[0].summary: required string',
      'cards[0].indicator: info, warning or critical',
      'cards[0].source.label: required string',
    ]);
    assert.deepEqual(cdsResponseViolations({ cards: [card({ summary: 'x'.repeat(140) })] }), [
      'cards[0].summary: must be under 140 characters (140)',
    ]);
  });

  it('requires selectionBehavior with suggestions and at most one recommended under at-most-one', () => {
    const s = {
      label: 'Order',
      isRecommended: true,
      actions: [{ type: 'create', description: 'd', resource: { resourceType: 'ServiceRequest' } }],
    };
    assert.deepEqual(cdsResponseViolations({ cards: [card({ suggestions: [s] })] }), [
      'cards[0].selectionBehavior: required (at-most-one or any) when there are suggestions',
    ]);
    assert.deepEqual(
      cdsResponseViolations({ cards: [card({ suggestions: [s, s], selectionBehavior: 'at-most-one' })] }),
      ['cards[0].suggestions: at most one may be recommended under at-most-one'],
    );
  });

  it('checks actions, override reasons and links', () => {
    const bad = card({
      suggestions: [
        {
          label: 'x',
          actions: [
            { type: 'create', description: 'd' },
            { type: 'delete', description: 'd' },
            { type: 'merge' },
          ],
        },
      ],
      selectionBehavior: 'any',
      overrideReasons: [{ system: 's', code: 'c' }],
      links: [
        { label: 'App', url: '/relative', type: 'smart' },
        { label: 'Doc', url: 'https://x.example', type: 'absolute', appContext: '{}' },
      ],
    });
    assert.deepEqual(cdsResponseViolations({ cards: [bad] }), [
      'cards[0].suggestions[0].actions[0].resource: a FHIR resource is required for create',
      'cards[0].suggestions[0].actions[1].resourceId: ids are required for delete',
      'cards[0].suggestions[0].actions[2].type: create, update or delete',
      'cards[0].suggestions[0].actions[2].description: required string',
      'cards[0].overrideReasons[0].display: required for an override reason',
      'cards[0].links[0].url: required absolute http(s) URL',
      'cards[0].links[1].appContext: a string, on smart links only',
    ]);
  });
});

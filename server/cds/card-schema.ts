/**
 * Checks a CDS Hooks 2.0 service response against the specification's rules for cards
 * (https://cds-hooks.hl7.org/2.0/#card-attributes), written from the spec: required fields and their types,
 * the summary under 140 characters, the indicator, source and link-type value sets, an action's type and
 * description, a resource for create/update and ids for delete, `selectionBehavior` whenever there are
 * suggestions (cds-resp-6) and at most one recommended suggestion under `at-most-one` (cds-resp-1), a display on
 * every override reason (cds-resp-4), and `appContext` only on smart links. Returns every violation, as
 * `path: what`; an empty list means valid.
 */

type Json = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isUrl = (v: unknown): boolean => {
  if (typeof v !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

function checkCoding(c: unknown, path: string, needDisplay: boolean, out: string[]): void {
  if (!isObject(c)) {
    out.push(`${path}: must be a Coding object`);
    return;
  }
  if (!isString(c.system)) out.push(`${path}.system: required string`);
  if (!isString(c.code)) out.push(`${path}.code: required string`);
  if (needDisplay && !isString(c.display)) out.push(`${path}.display: required for an override reason`);
}

function checkAction(a: unknown, path: string, out: string[]): void {
  if (!isObject(a)) {
    out.push(`${path}: must be an object`);
    return;
  }
  if (a.type !== 'create' && a.type !== 'update' && a.type !== 'delete')
    out.push(`${path}.type: create, update or delete`);
  if (!isString(a.description)) out.push(`${path}.description: required string`);
  if (
    (a.type === 'create' || a.type === 'update') &&
    !(isObject(a.resource) && isString(a.resource.resourceType))
  ) {
    out.push(`${path}.resource: a FHIR resource is required for ${String(a.type)}`);
  }
  if (
    a.type === 'delete' &&
    !(Array.isArray(a.resourceId) && a.resourceId.every(isString) && a.resourceId.length > 0)
  ) {
    out.push(`${path}.resourceId: ids are required for delete`);
  }
}

function checkLink(l: unknown, path: string, out: string[]): void {
  if (!isObject(l)) {
    out.push(`${path}: must be an object`);
    return;
  }
  if (!isString(l.label)) out.push(`${path}.label: required string`);
  if (!isUrl(l.url)) out.push(`${path}.url: required absolute http(s) URL`);
  if (l.type !== 'absolute' && l.type !== 'smart') out.push(`${path}.type: absolute or smart`);
  if (l.appContext !== undefined && (typeof l.appContext !== 'string' || l.type !== 'smart')) {
    out.push(`${path}.appContext: a string, on smart links only`);
  }
}

function checkCard(card: unknown, path: string, out: string[]): void {
  if (!isObject(card)) {
    out.push(`${path}: must be an object`);
    return;
  }
  if (card.uuid !== undefined && !isString(card.uuid)) out.push(`${path}.uuid: must be a string`);
  if (!isString(card.summary)) out.push(`${path}.summary: required string`);
  else if (card.summary.length >= 140)
    out.push(`${path}.summary: must be under 140 characters (${card.summary.length})`);
  if (card.detail !== undefined && typeof card.detail !== 'string')
    out.push(`${path}.detail: must be markdown text`);
  if (!['info', 'warning', 'critical'].includes(String(card.indicator)))
    out.push(`${path}.indicator: info, warning or critical`);
  if (!isObject(card.source) || !isString(card.source.label))
    out.push(`${path}.source.label: required string`);
  else {
    if (card.source.url !== undefined && !isUrl(card.source.url))
      out.push(`${path}.source.url: must be an absolute URL`);
    if (card.source.icon !== undefined && !isUrl(card.source.icon))
      out.push(`${path}.source.icon: must be an absolute URL`);
    if (card.source.topic !== undefined) checkCoding(card.source.topic, `${path}.source.topic`, false, out);
  }
  const suggestions = card.suggestions;
  if (suggestions !== undefined) {
    if (!Array.isArray(suggestions)) out.push(`${path}.suggestions: must be an array`);
    else {
      if (card.selectionBehavior !== 'at-most-one' && card.selectionBehavior !== 'any') {
        out.push(`${path}.selectionBehavior: required (at-most-one or any) when there are suggestions`);
      }
      suggestions.forEach((s: unknown, i: number) => {
        const p = `${path}.suggestions[${i}]`;
        if (!isObject(s)) return void out.push(`${p}: must be an object`);
        if (!isString(s.label)) out.push(`${p}.label: required string`);
        if (s.uuid !== undefined && !isString(s.uuid)) out.push(`${p}.uuid: must be a string`);
        if (s.actions !== undefined) {
          if (!Array.isArray(s.actions)) out.push(`${p}.actions: must be an array`);
          else s.actions.forEach((a: unknown, k: number) => checkAction(a, `${p}.actions[${k}]`, out));
        }
      });
      const recommended = suggestions.filter((s: unknown) => isObject(s) && s.isRecommended === true).length;
      if (card.selectionBehavior === 'at-most-one' && recommended > 1) {
        out.push(`${path}.suggestions: at most one may be recommended under at-most-one`);
      }
    }
  } else if (
    card.selectionBehavior !== undefined &&
    !['at-most-one', 'any'].includes(String(card.selectionBehavior))
  ) {
    out.push(`${path}.selectionBehavior: at-most-one or any`);
  }
  if (card.overrideReasons !== undefined) {
    if (!Array.isArray(card.overrideReasons)) out.push(`${path}.overrideReasons: must be an array`);
    else
      card.overrideReasons.forEach((c: unknown, i: number) =>
        checkCoding(c, `${path}.overrideReasons[${i}]`, true, out),
      );
  }
  if (card.links !== undefined) {
    if (!Array.isArray(card.links)) out.push(`${path}.links: must be an array`);
    else card.links.forEach((l: unknown, i: number) => checkLink(l, `${path}.links[${i}]`, out));
  }
}

/** The violations of a CDS Hooks 2.0 response body; empty when it is valid. */
export function cdsResponseViolations(response: unknown): string[] {
  const out: string[] = [];
  if (!isObject(response)) return ['response: must be a JSON object'];
  if (!Array.isArray(response.cards)) out.push('cards: required array (empty when there is nothing to say)');
  else response.cards.forEach((c: unknown, i: number) => checkCard(c, `cards[${i}]`, out));
  return out;
}

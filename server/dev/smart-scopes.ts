/**
 * SMART scopes as the dev authorization server reads them: v2 (`patient/Observation.rs`, letters from `cruds`)
 * and v1 (`patient/Observation.read`, `.write`, `.*`), with `*` for any resource type.
 */

/** A FHIR interaction as a SMART v2 permission letter: create, read, update, delete, search. */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

const SCOPE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(\*|read|write|c?r?u?d?s?)(\?.*)?$/;

/** The scopes this server grants when asked: launch context, resource scopes; not `openid`/`fhirUser` (no id_token). */
export function grantableScopes(requested: readonly string[]): string[] {
  return requested.filter((s) => s === 'launch' || s === 'launch/patient' || SCOPE.test(s));
}

/** The permission letters a scope's action grants. */
function letters(action: string): string {
  if (action === '*') return 'cruds';
  if (action === 'read') return 'rs';
  if (action === 'write') return 'cud';
  return action;
}

/** True when one of `scopes` grants `permission` on resources of `type`. */
export function allows(scopes: readonly string[], type: string, permission: Permission): boolean {
  return scopes.some((s) => {
    const m = SCOPE.exec(s);
    return m !== null && (m[2] === '*' || m[2] === type) && letters(m[3]).includes(permission);
  });
}

/**
 * What a request (method, and URL relative to the FHIR base) needs: the resource type, the permission and, for a
 * read of a Patient or a search by patient (`patient`, `subject`, or a Patient search's `_id`), that patient's
 * id. Undefined for what only an administrator may do (a transaction or batch, an operation on the whole server).
 */
export function requestPermission(
  method: string,
  url: string,
): { type: string; permission: Permission; patient?: string } | undefined {
  const [path = '', query = ''] = url.split('?');
  const [type, id] = path.split('/');
  if (type === undefined || !/^[A-Z][A-Za-z]+$/.test(type)) return undefined;
  if (method === 'GET') {
    if (id !== undefined && id !== '')
      return { type, permission: 'r', ...(type === 'Patient' ? { patient: id } : {}) };
    const q = new URLSearchParams(query);
    const ref = q.get('patient') ?? q.get('subject') ?? (type === 'Patient' ? q.get('_id') : null);
    const patient = ref?.replace(/^Patient\//, '');
    return { type, permission: 's', ...(patient === undefined ? {} : { patient }) };
  }
  if (method === 'POST') return id === undefined || id === '' ? { type, permission: 'c' } : undefined;
  if (method === 'PUT' || method === 'PATCH') return { type, permission: 'u' };
  if (method === 'DELETE') return { type, permission: 'd' };
  return undefined;
}

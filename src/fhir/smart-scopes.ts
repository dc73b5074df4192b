/**
 * What a granted SMART scope string allows, read the same way by the service (a correction needs a create scope)
 * and the app (which tells the user when the sign-in lacks one): SMART v2 (`patient/Provenance.c`, `user/*.cruds`) and
 * v1 (`patient/Provenance.write`, `.*`) scopes. Browser-safe.
 */

const SCOPE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(\*|read|write|c?r?u?d?s?)(\?.*)?$/;

/** True when the granted `scope` string lets its holder create resources of `type` (v2 `c`, v1 `write` or `*`). */
export function scopeAllowsCreate(scope: string, type: string): boolean {
  return scope.split(/\s+/).some((s) => {
    const m = SCOPE.exec(s);
    if (m === null || (m[2] !== '*' && m[2] !== type)) return false;
    return m[3] === '*' || m[3] === 'write' || m[3].includes('c');
  });
}

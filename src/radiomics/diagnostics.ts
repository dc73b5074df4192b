import { createHash } from 'node:crypto';
import type { Grid, IndexBox } from '../volume/types.ts';
import type { RadiomicsParams } from './params.ts';
import { PACKAGE_VERSION } from '../version.ts';

/**
 * Provenance entries (`diagnostics_*`, STYLE house rule 10) in PyRadiomics' naming where it has one:
 * versions, the settings in force and their hash, image and mask hashes, geometry, ROI bounding box and size.
 */

/** SHA-256 of a typed array's bytes (PyRadiomics hashes the image array likewise, with SHA-1). */
export function hashArray(a: ArrayBufferView): string {
  return createHash('sha256')
    .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    .digest('hex');
}

/** JSON with object keys sorted, so equal settings always print and hash the same. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function tuple(v: readonly number[]): string {
  return `(${v.join(', ')})`;
}

export interface DiagnosticsInput {
  readonly params: RadiomicsParams;
  readonly imageGrid: Grid;
  readonly imageHash: string;
  readonly maskHash: string;
  readonly box: IndexBox;
  readonly voxelCount: number;
  /** Grid after resampling, when resampling was on. */
  readonly interpolatedGrid?: Grid;
}

/** The diagnostics entries, in output order. */
export function buildDiagnostics(d: DiagnosticsInput): Array<[string, string | number]> {
  const settingsJson = canonicalJson(d.params.settings);
  const out: Array<[string, string | number]> = [
    ['diagnostics_Versions_BoneMetRisk', PACKAGE_VERSION],
    ['diagnostics_Configuration_Settings', settingsJson],
    [
      'diagnostics_Configuration_SettingsHash',
      createHash('sha256').update(canonicalJson(d.params)).digest('hex'),
    ],
    ['diagnostics_Configuration_EnabledImageTypes', d.params.imageTypes.map((t) => t.name).join(';')],
    ['diagnostics_Image-original_Hash', d.imageHash],
    ['diagnostics_Image-original_Dimensionality', d.imageGrid.size[2] > 1 ? '3D' : '2D'],
    ['diagnostics_Image-original_Spacing', tuple(d.imageGrid.spacingMm)],
    ['diagnostics_Image-original_Size', tuple(d.imageGrid.size)],
    ['diagnostics_Mask-original_Hash', d.maskHash],
    [
      'diagnostics_Mask-original_BoundingBox',
      tuple([...d.box.lo, ...d.box.hi.map((h, k) => h - d.box.lo[k] + 1)]),
    ],
    ['diagnostics_Mask-original_VoxelNum', d.voxelCount],
  ];
  if (d.interpolatedGrid !== undefined) {
    out.push(['diagnostics_Image-interpolated_Spacing', tuple(d.interpolatedGrid.spacingMm)]);
    out.push(['diagnostics_Image-interpolated_Size', tuple(d.interpolatedGrid.size)]);
  }
  return out;
}

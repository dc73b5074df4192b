import type { FeatureClassName, RoiInput, ShapeInput } from '../types.ts';
import type { ClassRunner } from './runner.ts';
import { toRunner } from './runner.ts';
import { SettingsError } from '../../errors.ts';
import { firstorder } from './firstorder.ts';
import { glcm } from './glcm.ts';
import { glrlm } from './glrlm.ts';
import { glszm } from './glszm.ts';
import { gldm } from './gldm.ts';
import { ngtdm } from './ngtdm.ts';
import { shape } from './shape.ts';
import { shape2D } from './shape2d.ts';

/**
 * The feature classes, listed explicitly (no reflection; STYLE house rule 3). Classes computed on each image
 * type's discretised ROI take a RoiInput; the shape classes take the unfiltered mask.
 */
const ROI_CLASSES: ReadonlyMap<FeatureClassName, ClassRunner<RoiInput>> = new Map([
  ['firstorder', toRunner(firstorder)],
  ['glcm', toRunner(glcm)],
  ['glrlm', toRunner(glrlm)],
  ['glszm', toRunner(glszm)],
  ['gldm', toRunner(gldm)],
  ['ngtdm', toRunner(ngtdm)],
]);

const SHAPE_CLASSES: ReadonlyMap<FeatureClassName, ClassRunner<ShapeInput>> = new Map([
  ['shape', toRunner(shape)],
  ['shape2D', toRunner(shape2D)],
]);

/** Every registered class, ROI classes first. */
export function allFeatureClasses(): Array<ClassRunner<RoiInput> | ClassRunner<ShapeInput>> {
  return [...ROI_CLASSES.values(), ...SHAPE_CLASSES.values()];
}

/** The ROI (per-image-type) class of that name; throws SettingsError('unknown-feature-class') otherwise. */
export function getRoiClass(name: FeatureClassName): ClassRunner<RoiInput> {
  const c = ROI_CLASSES.get(name);
  if (c === undefined)
    throw new SettingsError('unknown-feature-class', `${name} is not a per-image-type feature class`);
  return c;
}

/** The shape class of that name (shape or shape2D); throws SettingsError('unknown-feature-class') otherwise. */
export function getShapeClass(name: FeatureClassName): ClassRunner<ShapeInput> {
  const c = SHAPE_CLASSES.get(name);
  if (c === undefined)
    throw new SettingsError('unknown-feature-class', `${name} is not a shape feature class`);
  return c;
}

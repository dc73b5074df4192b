import type { FeatureClass, FeatureClassName } from '../types.ts';
import { SettingsError } from '../../errors.ts';

/**
 * A feature class with its prepared-state type erased, so classes with different state types can live in one
 * registry: `run` prepares once and computes the requested features in order.
 */
export interface ClassRunner<I> {
  readonly name: FeatureClassName;
  readonly featureNames: readonly string[];
  readonly defaultFeatures: readonly string[];
  readonly deprecated: readonly string[];
  /** doc and reference of a feature (for the registry test and documentation). */
  describe(feature: string): { readonly doc: string; readonly reference: string } | undefined;
  run(input: I, features: readonly string[]): Array<[string, number]>;
}

/** Wraps a {@link FeatureClass} as a {@link ClassRunner}. */
export function toRunner<I, P>(c: FeatureClass<I, P>): ClassRunner<I> {
  return {
    name: c.name,
    featureNames: Object.keys(c.features),
    defaultFeatures: c.defaultFeatures,
    deprecated: c.deprecated,
    describe: (feature) => {
      const f = c.features[feature];
      return f === undefined ? undefined : { doc: f.doc, reference: f.reference };
    },
    run: (input, features) => {
      const prep = c.prepare(input);
      return features.map((name): [string, number] => {
        const f = c.features[name];
        if (f === undefined) throw new SettingsError('unknown-feature', `${c.name} has no feature ${name}`);
        return [name, f.compute(prep)];
      });
    },
  };
}

/** The features to compute: the class's defaults when `requested` is null, else the requested names (checked). */
export function resolveFeatureNames<I>(
  runner: ClassRunner<I>,
  requested: readonly string[] | null,
): readonly string[] {
  if (requested === null) return runner.defaultFeatures;
  for (const name of requested) {
    if (!runner.featureNames.includes(name)) {
      throw new SettingsError(
        'unknown-feature',
        `featureClass.${runner.name} has no feature "${name}" (available: ${runner.featureNames.join(', ')})`,
      );
    }
  }
  return requested;
}

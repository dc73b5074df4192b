import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules the pure core must never import: no I/O there (STYLE.md house rule 1). */
const ioModules = [
  'node:fs',
  'node:fs/promises',
  'fs',
  'node:http',
  'node:https',
  'node:net',
  'express',
  'vue',
];

/** Every folder of src/ (a layer) and the errors/version modules beside them. */
const LAYERS = [
  'volume',
  'stats',
  'radiomics',
  'clinical',
  'roi',
  'model',
  'synth',
  'http',
  'dicom',
  'fhir',
  'analysis',
  'cli',
];

/**
 * What each layer of src/ may import from the others (DESIGN section 3, "dependencies point inwards"). The pure
 * core computes; adapters (http, dicom, fhir) reach the outside world; analysis joins them through an interface;
 * cli may use everything. `types` lists layers a layer may import types from only (`import type`).
 */
const MAY_IMPORT = {
  volume: { layers: [] },
  stats: { layers: [] },
  clinical: { layers: [] },
  radiomics: { layers: ['volume'] },
  roi: { layers: ['volume'] },
  model: { layers: ['stats', 'clinical'] },
  synth: { layers: ['volume', 'stats', 'clinical', 'roi'] },
  http: { layers: [] },
  dicom: { layers: ['volume', 'http'], types: ['analysis'] },
  fhir: { layers: ['clinical', 'http'], types: ['analysis'] },
  analysis: { layers: ['volume', 'radiomics', 'roi', 'model', 'clinical'] },
};
const PURE = ['volume', 'stats', 'clinical', 'radiomics', 'roi', 'model', 'synth', 'analysis'];

/** Import patterns that reach layer `name` from anywhere below src/ (relative paths of any depth). */
const layerPatterns = (name) => [`../${name}/**`, `../../${name}/**`, `../../../${name}/**`];

function layerRule(layer) {
  const { layers, types = [] } = MAY_IMPORT[layer];
  const forbidden = LAYERS.filter((l) => l !== layer && !layers.includes(l) && !types.includes(l));
  const patterns = [
    {
      group: [
        ...forbidden.flatMap(layerPatterns),
        '**/server/**',
        '**/app/**',
        '**/index.ts',
        '**/browser.ts',
      ],
      message: `src/${layer} may import only ${['errors', 'version', ...layers].join(', ')}${types.length ? ` (and types from ${types.join(', ')})` : ''}: dependencies point inwards (DESIGN section 3)`,
    },
  ];
  if (types.length > 0) {
    patterns.push({
      group: types.flatMap(layerPatterns),
      allowTypeImports: true,
      message: `src/${layer} implements the interfaces of ${types.join(', ')}: type imports only`,
    });
  }
  const paths = PURE.includes(layer)
    ? ioModules.map((name) => ({ name, message: 'the pure core does no I/O (STYLE.md house rule 1)' }))
    : [];
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] },
  };
}

export default tseslint.config(
  // Vue single-file components: app/lint-vue.mjs lints their <script> blocks with this same configuration.
  { ignores: ['node_modules/**', 'dist/**', 'app/dist/**', 'coverage/**', '.cache/**', '**/*.vue'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  ...Object.keys(MAY_IMPORT).map(layerRule),
  {
    files: ['src/{volume,roi,radiomics,stats,model,synth,clinical,analysis}/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', { name: 'fetch', message: 'the pure core does no I/O' }] },
  },
  {
    files: ['src/*.ts', 'src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/server/**', '**/app/**'], message: 'src/ never imports server/ or app/' }],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**', '!**/src/index.ts'],
              message: 'server/ imports the library only through src/index.ts',
            },
            { group: ['**/app/**'], message: 'server/ never imports app/' },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,vue}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**', '!**/src/browser.ts'],
              message: 'app/ imports the library only through src/browser.ts (browser-safe)',
            },
            { group: ['**/server/**'], message: 'app/ never imports server/' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/dev/ehr/**/*.js'],
    languageOptions: {
      globals: { document: 'readonly', fetch: 'readonly', performance: 'readonly', window: 'readonly' },
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', globalThis: 'readonly' } },
  },
  {
    files: ['app/src/**/*.ts'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        sessionStorage: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules the pure core (volume, roi, radiomics, stats, model, synth) must never import: no I/O there. */
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

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'app/dist/**', 'coverage/**'] },
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
  {
    files: ['src/{volume,roi,radiomics,stats,model,synth}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({
            name,
            message: 'the pure core does no I/O (STYLE.md house rule 1)',
          })),
          patterns: [
            {
              group: ['**/server/**', '**/cli/**', '**/fhir/**', '**/dicom/**'],
              message: 'the pure core depends on nothing outside it',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'the pure core does no I/O' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/{volume,roi,radiomics,stats,model,synth}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', '../../server/**'], message: 'src/ never imports server/' }] },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
);

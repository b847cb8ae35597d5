// The project's own lint: typescript-eslint's strictest type-checked presets over the plugin's
// source, rules, tests and scripts. Fixture apps are excluded: they are deliberately insecure
// sample code that the plugin lints, not code we maintain to this standard.
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'fixtures/',
      'tests/fixtures/',
      'tests/.hostile/',
      'bench/out/',
      'scratch/',
      'docs/',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.mjs', 'bench/*.mjs', 'scripts/*.mjs', 'scripts/*.js', 'tests/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      // With noUncheckedIndexedAccess on, `x[i]!` is how the code states an index it has just
      // bounded (a loop counter, a length check, a regex group); forbidding it would only trade the
      // assertion for unreachable branches.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Line and column numbers are spliced into messages all over; anything else stays explicit.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  // The layers import downward only (ARCHITECTURE.md): rules → queries → models → engine.
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(models|queries|rules|util|cli|formatters)/|/(settings|index|rules)\\.js$',
              message: 'The engine knows data flow, not frameworks or rules: it imports none of the layers above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(queries|rules|cli|formatters)/',
              message: 'Models are data for the engine: they import only the engine.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/queries/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(rules|cli|formatters)/',
              message: 'Queries serve the rules: they import models and the engine only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);

// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'public', 'coverage', '.ci', 'bin', 'tmp', 'dist'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // node:test's describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['describe', 'it', 'test', 'suite'], package: 'node:test' },
          ],
        },
      ],
    },
  },
  {
    // The calculation core is a library: it may import only itself (HOUSE-STYLE.md).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/store/**',
                '**/web/**',
                '**/services/**',
                '**/importers/**',
                '**/exporters/**',
                '**/cli/**',
                '**/config*',
              ],
              message: 'src/domain imports only src/domain.',
            },
            {
              group: ['node:*', 'fs', 'path', 'pg', 'kysely', 'fastify', '@*/*'],
              message: 'src/domain has no IO or framework.',
            },
          ],
        },
      ],
    },
  },
  {
    // The browser's own scripts (src/web/assets/javascripts) are plain modules served as they are.
    files: ['src/web/assets/javascripts/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', fetch: 'readonly' },
    },
  },
  {
    // node:assert's assertions narrow types, so a later optional chain on the same value is only belt and braces.
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-unnecessary-condition': 'off' },
  },
  {
    // Tests beside domain code may use node:test, node:assert and read fixtures.
    files: ['src/domain/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
)

import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * The boundaries between the workspaces: a package is used through its name and its
 * `exports` (`@ctg/shared`, `@ctg/extensions`, `@ctg/server`, `@ctg/client`), never through a
 * path into another folder's sources or build, and dependencies flow one way:
 * shared ← extensions ← server, client (docs/ARCHITECTURE.md).
 */
const deepImports = [
  {
    regex: String.raw`(^|/)(shared|extensions|server|client|bench|tests|examples)/(src|dist)(/|$)`,
    message: 'Import the package by its name (@ctg/…), not a path into another workspace.',
  },
  {
    // the subpaths a package exports are the only ones allowed
    regex: String.raw`^@ctg/(?!shared/noEval$)[^/]+/.+`,
    message: 'Import what the package exports (its name, or a subpath of its `exports` map), not its files.',
  },
]

/** `no-restricted-imports` for files that may use only some of the workspace packages. */
const boundaries = (forbidden = []) => [
  'error',
  {
    patterns: [
      ...deepImports,
      ...(forbidden.length
        ? [
            {
              regex: `^@ctg/(${forbidden.join('|')})(/|$)`,
              message: 'Dependencies flow shared ← extensions ← server, client.',
            },
          ]
        : []),
    ],
  },
]

export default defineConfig(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'tests/output/**', 'bench/profiles/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'no-restricted-imports': boundaries(),
      // `_name` marks what is unused on purpose; `{ dropped, ...rest }` omits a field
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // a `let` read by closures made before its one assignment (the server and its services)
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // French typography: narrow no-break spaces before « ; : ! ? » in texts
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      // at the edges with untyped internals (y-prosemirror's, Hocuspocus payloads): visible, not fatal
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  // plain JavaScript run by Node (scripts, the packed-host programs) or by the browser (the service worker)
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: globals.node } },
  { files: ['client/public/service-worker.js'], languageOptions: { globals: globals.serviceworker } },
  { files: ['shared/src/**'], rules: { 'no-restricted-imports': boundaries(['extensions', 'server', 'client']) } },
  { files: ['extensions/src/**'], rules: { 'no-restricted-imports': boundaries(['server', 'client']) } },
  { files: ['server/src/**'], rules: { 'no-restricted-imports': boundaries(['client']) } },
  { files: ['client/src/**'], rules: { 'no-restricted-imports': boundaries(['server']) } },
)

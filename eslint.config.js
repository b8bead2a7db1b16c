// Lint: typescript-eslint with type-aware rules, plus the layer boundaries:
// only src/store/driver.ts imports neo4j-driver; nothing in src/analysis
// imports the store, the API or GraphQL; only web/src/graph (the browser's
// adapter) and src/layout (the same layout run headless) import cytoscape.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NEO4J_ONLY_IN_STORE = { name: 'neo4j-driver', message: 'Only src/store/driver.ts talks to Neo4j.' };
const CYTOSCAPE_ONLY_IN_GRAPH = ['cytoscape', 'cytoscape-fcose', 'cytoscape-svg'].map((name) => ({
  name,
  message: 'Only web/src/graph (the Cytoscape adapter) and src/layout (headless layouts) import Cytoscape.',
}));

export default tseslint.config(
  {
    ignores: ['node_modules/', '.data/', 'dist/', 'web/dist/', 'neo4j-launcher/target/', 'src/generated/', 'test-artifacts/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly', performance: 'readonly' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'no-restricted-imports': ['error', { paths: [NEO4J_ONLY_IN_STORE, ...CYTOSCAPE_ONLY_IN_GRAPH] }],
    },
  },
  {
    // The web app's Cytoscape adapter: the one place that may import cytoscape and its extensions.
    files: ['web/src/graph/**/*.ts', 'src/layout/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NEO4J_ONLY_IN_STORE] }] },
  },
  {
    files: ['web/**/*.ts'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly' } },
  },
  {
    files: ['src/store/driver.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/analysis/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['neo4j-driver', 'graphql', '@apollo/server'],
          patterns: [{ group: ['**/store/**', '**/api/**', '**/services/**'], message: 'Analysis is pure: no store, API or services.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.js', 'scripts/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);

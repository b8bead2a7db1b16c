import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// Layers: unit tests (pure, beside their source or in test/unit); integration
// tests against the real Neo4j the global setup starts on the test ports; and
// browser tests in real Chromium against the real API. Integration and browser
// files run one at a time: they share that database.
export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS build (as @apollo/server and @graphql-tools do);
    // Vite would pick the .mjs build, giving two copies of graphql in one test. Use Node's.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/unit/**/*.test.ts', 'seed/**/*.test.ts', 'neo4j-launcher/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // Browser tests drive Debian's Chromium against the real API on the same Neo4j.
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts', 'test/browser/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});

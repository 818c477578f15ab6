import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { TEST_JAVA_TOOL_OPTIONS } from './test/helpers/jvm-options.js';

const require = createRequire(import.meta.url);

/**
 * Three tiers, run by `npm test` side by side (`npm run test:<tier>` runs one):
 * - unit: pure logic, no Neo4j and no Java;
 * - integration: one shared throwaway Neo4j (started once by global setup), in-process servers,
 *   and the /explore explorer in a real Chromium (test/browser, `npm run test:browser` alone);
 * - process: spawned servers and JVMs (start-up failures, outages, shutdown, restarts).
 */
export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module). Node loads Pothos and yoga against the CJS
    // build; without this alias Vite would hand our own imports the ESM build, giving two
    // copies of graphql ("Cannot use GraphQLObjectType from another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 30_000,
    // For the JVMs the process tier starts from its test files (see test/helpers/jvm-options.ts).
    env: { JAVA_TOOL_OPTIONS: TEST_JAVA_TOOL_OPTIONS },
    hookTimeout: 180_000,
    projects: [
      // Pure logic with no module-level state: files share one module graph per worker (isolate: false), imported once.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false } },
      {
        extends: true,
        test: {
          name: 'integration',
          // The browser tests share this tier's seeded Neo4j rather than booting their own.
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          // Builds web/ and the server bundle when their sources changed; starts and seeds the Neo4j.
          globalSetup: ['test/browser/build-explorer.ts', 'test/helpers/build-server.ts', 'test/helpers/global-setup.ts'],
          // One Neo4j serves every file, and seed.test.ts rewrites the graph: run files one at a time.
          fileParallelism: false,
          // Files share one module graph (src is imported once, not once per file); each file
          // builds its own servers and drivers, and nothing in src keeps per-test state in modules.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'process',
          include: ['test/process/**/*.test.ts'],
          // Builds the bundles the spawned servers run; starts the tier's Neo4j.
          globalSetup: ['test/helpers/build-server.ts', 'test/helpers/global-setup.ts'],
          // Each file boots JVMs of its own; two at once on two cores only slows both.
          fileParallelism: false,
        },
      },
    ],
  },
});

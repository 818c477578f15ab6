import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Three tiers, run by `npm test` one after another (`npm run test:<tier>` runs one):
 * - unit: pure logic, no Neo4j and no Java;
 * - integration: one shared throwaway Neo4j (started once by global setup), in-process servers;
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
    hookTimeout: 180_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          // One Neo4j serves every file, and some files reload the seed: run files one at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'process',
          include: ['test/process/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          // Each file boots JVMs of its own; two at once on two cores only slows both.
          fileParallelism: false,
        },
      },
    ],
  },
});

import { ConfigError, loadConfig } from '../src/config.js';
import { openGraph, StartupError, waitForNeo4j } from '../src/graph/connect.js';
import { redactUri } from '../src/graph/driver.js';
import { SeedValidationError } from '../src/graph/seed-model.js';
import { SeedConflictError } from '../src/graph/seed-writer.js';
import { LocalNeo4jError } from '../src/local-neo4j/process.js';
import { loadSeedData } from '../src/seed/files.js';
import { formatCounts, loadSeed } from '../src/seed/load.js';

/** `npm run seed [-- --reset]`: validates seed/data/*.yaml, then loads it in one transaction. */
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--reset');
if (unknown.length > 0) {
  console.error(`Unknown option(s): ${unknown.join(' ')}. Usage: npm run seed [-- --reset]`);
  process.exit(2);
}

const EXPECTED = [ConfigError, StartupError, LocalNeo4jError, SeedValidationError, SeedConflictError];

try {
  loadSeedData(); // validate before starting or touching any database
  const config = loadConfig();
  const opened = await openGraph(config, (line) => console.error(line));
  try {
    await waitForNeo4j(opened, config.NEO4J_STARTUP_WAIT_MS, (line) => console.error(line));
    const counts = await loadSeed(opened.graph, { reset: args.includes('--reset') });
    console.log(`Seed loaded into ${redactUri(opened.uri)}${args.includes('--reset') ? ' (graph wiped first)' : ''}.`);
    console.log(formatCounts(counts));
  } finally {
    await opened.close();
  }
} catch (error) {
  if (!EXPECTED.some((type) => error instanceof type)) throw error;
  console.error((error as Error).message);
  process.exit(1);
}

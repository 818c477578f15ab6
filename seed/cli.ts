import { ConfigError, loadConfig } from '../src/config.js';
import { openGraph, StartupError, waitForNeo4j } from '../src/graph/connect.js';
import { redactUri } from '../src/graph/driver.js';
import { SeedValidationError } from '../src/graph/seed-model.js';
import { SeedResetRefusedError } from '../src/graph/seed-writer.js';
import { LocalNeo4jError } from '../src/local-neo4j/process.js';
import { loadSeedData } from '../src/seed/files.js';
import { formatConflicts, formatCounts, loadSeed } from '../src/seed/load.js';

/**
 * `npm run seed [-- --reset [--force]]`: validates seed/data/*.yaml, then loads it in one
 * transaction. Curated data is kept and reported as conflicts; `--reset` wipes the graph first,
 * and refuses to when it holds curated data or history unless `--force` is given too.
 */
const USAGE = 'Usage: npm run seed [-- --reset [--force]]';
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--reset' && arg !== '--force');
if (unknown.length > 0) {
  console.error(`Unknown option(s): ${unknown.join(' ')}. ${USAGE}`);
  process.exit(2);
}
const reset = args.includes('--reset');
const force = args.includes('--force');
if (force && !reset) {
  console.error(`--force only makes sense with --reset. ${USAGE}`);
  process.exit(2);
}

const EXPECTED = [ConfigError, StartupError, LocalNeo4jError, SeedValidationError, SeedResetRefusedError];

try {
  loadSeedData(); // validate before starting or touching any database
  const config = loadConfig();
  const opened = await openGraph(config, (line) => console.error(line));
  try {
    await waitForNeo4j(opened, config.NEO4J_STARTUP_WAIT_MS, (line) => console.error(line));
    const counts = await loadSeed(opened.graph, { reset, force });
    console.log(`Seed loaded into ${redactUri(opened.uri)}${reset ? ' (graph wiped first)' : ''}.`);
    console.log(formatCounts(counts));
    const conflicts = formatConflicts(counts);
    if (conflicts) console.log(conflicts);
  } finally {
    await opened.close();
  }
} catch (error) {
  if (!EXPECTED.some((type) => error instanceof type)) throw error;
  console.error((error as Error).message);
  process.exit(1);
}

import { SeedValidationError } from '../src/graph/seed-model.js';
import { auditSeed, formatAudit } from '../src/seed/audit.js';
import { loadSeedData } from '../src/seed/files.js';

/** `npm run graph:audit`: prints the shape of the seed graph; reads seed/data only, no database. */
try {
  console.log(formatAudit(auditSeed(loadSeedData())));
} catch (error) {
  // An invalid seed has no shape to report: show its problems, as `npm run seed` does.
  if (!(error instanceof SeedValidationError)) throw error;
  console.error(error.message);
  process.exit(1);
}

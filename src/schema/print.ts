import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { printedSchema } from './index.js';

/** `npm run schema:print`: writes schema.graphql, which is committed and checked by a test. */
writeFileSync(join(projectRoot(), 'schema.graphql'), printedSchema());
console.log('Wrote schema.graphql');

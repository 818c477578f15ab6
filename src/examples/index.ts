import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';

/** The example operations GraphiQL opens with; the README and a test use the same file. */
export const EXAMPLE_OPERATIONS_PATH = join(projectRoot(), 'src', 'examples', 'operations.graphql');

export const exampleOperations = (): string => readFileSync(EXAMPLE_OPERATIONS_PATH, 'utf8');

import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
// Type files register themselves on the builder when imported.
import './sources.js';
import './entity.js';
import './relations.js';
import './kinds.js';
import './salaries.js';
import './entities.js';
import './search.js';
import './paths.js';
import './stats.js';
import './changes.js';
import './mutations.js';

export const schema = builder.toSchema();

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

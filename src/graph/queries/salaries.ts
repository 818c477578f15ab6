import type { PayPeriod, Region } from '../vocabulary.js';
import { type EntityRow, entityProjection } from './entities.js';

export interface SalaryRow {
  appliesTo: EntityRow;
  region: Region;
  currency: string;
  period: PayPeriod;
  min: number;
  max: number;
  typical: number | null;
  section: string;
}

const SALARY_FIELDS = `
  appliesTo: ${entityProjection('owner')}, region: s.region, currency: s.currency, period: s.period,
  min: s.min, max: s.max, typical: s.typical, section: s.section`;

/** Salary ranges, optionally for one region and one entity (by key; '' for any). */
export const SALARIES = `
MATCH (owner:Entity)-[:HAS_SALARY]->(s:SalaryRange)
WHERE ($region = '' OR s.region = $region) AND ($appliesTo = '' OR owner.key = $appliesTo)
RETURN {${SALARY_FIELDS}} AS salary
ORDER BY s.region DESC, s.period DESC, s.min`;

/** Salary ranges for many owners at once, for the per-entity `salaries` field. */
export const SALARIES_BY_OWNER = `
UNWIND $keys AS key
MATCH (owner:Entity {key: key})-[:HAS_SALARY]->(s:SalaryRange)
RETURN key, {${SALARY_FIELDS}} AS salary
ORDER BY s.region DESC, s.period DESC, s.min`;

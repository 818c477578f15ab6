/** Constraints and indexes the graph relies on; each statement is idempotent. */
export const SCHEMA_STATEMENTS = [
  'CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE',
  'CREATE CONSTRAINT salary_range_key IF NOT EXISTS FOR (n:SalaryRange) REQUIRE n.key IS UNIQUE',
  'CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)',
  // aliasText joins the aliases into one string so the full-text index can read them.
  'CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliasText, n.summary]',
  // Curation history: looked up by id (revertChange) and paged by time (changes).
  'CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE',
  'CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)',
  // The seed asks which seeded facts curators removed, by the target of their last change.
  'CREATE INDEX change_target IF NOT EXISTS FOR (c:Change) ON (c.target)',
  'CREATE CONSTRAINT source_key IF NOT EXISTS FOR (n:Source) REQUIRE n.key IS UNIQUE',
];

export const AWAIT_INDEXES = 'CALL db.awaitIndexes(60)';

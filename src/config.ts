import { z } from 'zod';

/** Every environment variable the service reads, parsed and validated in one place. */
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const port = z.coerce.number().int().min(1).max(65535);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  NEO4J_URI: z.string().url().optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  NEO4J_LOCAL_PORT: port.default(7687),
  NEO4J_LOCAL_DATA: z.string().min(1).default('.data/neo4j'),
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  QUERY_STATS: booleanFlag.optional(),
  SEED_ON_EMPTY: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: readable lines on a terminal, JSON otherwise and always in production. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  NEO4J_STARTUP_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Plan every query shape at start-up (off only in tests that do not time queries). */
  WARM_QUERY_PLANS: booleanFlag.default(true),
  GRAPHIQL: booleanFlag.default(true),
  INTROSPECTION: booleanFlag.default(true),
  CORS_ORIGINS: z.string().default(''),
  TRUSTED_DOCUMENTS_FILE: z.string().optional(),
  MAX_DEPTH: z.coerce.number().int().min(1).max(50).default(10),
  MAX_COST: z.coerce.number().int().min(1).default(5000),
  MAX_ALIASES: z.coerce.number().int().min(0).default(15),
  MAX_TOKENS: z.coerce.number().int().min(10).default(2000),
  MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(100_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** Memory for cached answers (0 turns the cache off). */
  RESPONSE_CACHE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(32 * 1024 * 1024),
  /** How often to check whether another process changed the graph. */
  GRAPH_WATCH_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  TRUST_PROXY: booleanFlag.default(false),
  /** Curation writes: HS256 secret for Bearer JWTs (at least 32 characters, as RFC 7518 asks of HS256 keys). */
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Curation writes: JWKS endpoint for RS256/ES256 Bearer JWTs (keys cached, re-fetched on an unknown kid). */
  AUTH_JWKS_URL: z.string().url().optional(),
  /** Curation writes: after fetching the JWKS, how long an unknown kid waits before it may be fetched again. */
  AUTH_JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  AUTH_ISSUER: z.string().optional(),
  AUTH_AUDIENCE: z.string().optional(),
  READ_REQUIRES_AUTH: booleanFlag.default(false),
  /** Several instances: share events, cache invalidation and rate limits through this Redis. Unset: all stays in this process. */
  REDIS_URL: z
    .string()
    .url()
    .refine((url) => /^rediss?:\/\//.test(url), 'must start with redis:// or rediss://')
    .optional(),
  /** `/ready` answers 503 while Redis is unreachable (by default the instance serves on, with local fallbacks). */
  REDIS_REQUIRED: booleanFlag.default(false),
});

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const values = parsed.data;
  if (values.READ_REQUIRES_AUTH && !values.AUTH_JWT_SECRET && !values.AUTH_JWKS_URL) {
    // Otherwise nobody could read at all.
    throw new ConfigError('Invalid configuration:\n  READ_REQUIRES_AUTH: needs AUTH_JWT_SECRET or AUTH_JWKS_URL');
  }
  if (values.REDIS_REQUIRED && !values.REDIS_URL) {
    // Otherwise /ready would wait for a Redis nobody configured.
    throw new ConfigError('Invalid configuration:\n  REDIS_REQUIRED: needs REDIS_URL');
  }
  return {
    ...values,
    // Query cost figures help while exploring; production keeps responses lean unless asked.
    QUERY_STATS: values.QUERY_STATS ?? values.NODE_ENV !== 'production',
    CORS_ORIGINS: values.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  };
}

/** Treat `FOO=` like an unset variable, the way shells and compose files usually mean it. */
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}

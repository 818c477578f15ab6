import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/** JSON logs in production (one object per line), readable lines in development. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  const pretty = config.NODE_ENV === 'development' && process.stdout.isTTY;
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'backend-knowledge-graph' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, singleLine: true } } } : {}),
  });
}

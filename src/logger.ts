import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

export type LogFormat = 'json' | 'pretty';

/**
 * `LOG_FORMAT` when set; otherwise readable lines for a person at a terminal, and JSON (one
 * object per line) for log collectors: when stdout is not a terminal, and always in production.
 */
export function chooseLogFormat(config: Pick<Config, 'LOG_FORMAT' | 'NODE_ENV'>, stdoutIsTTY: boolean): LogFormat {
  if (config.LOG_FORMAT) return config.LOG_FORMAT;
  return config.NODE_ENV !== 'production' && stdoutIsTTY ? 'pretty' : 'json';
}

export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT' | 'NODE_ENV'>): Logger {
  const tty = process.stdout.isTTY === true;
  const pretty = chooseLogFormat(config, tty) === 'pretty';
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'backend-knowledge-graph' },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            // `12:03:04 INFO: Bundled Neo4j ready ... {fields}`; colours only on a terminal.
            options: { colorize: tty, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' },
          },
        }
      : {}),
  });
}

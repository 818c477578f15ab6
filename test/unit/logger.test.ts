import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { chooseLogFormat } from '../../src/logger.js';

/** Readable log lines for a person at a terminal, JSON for collectors, LOG_FORMAT to force either. */
describe('chooseLogFormat', () => {
  const choose = (env: Record<string, string>, tty: boolean) => chooseLogFormat(loadConfig(env), tty);

  it('prints readable lines on a terminal outside production', () => {
    expect(choose({}, true)).toBe('pretty');
    expect(choose({ NODE_ENV: 'test' }, true)).toBe('pretty');
  });

  it('prints JSON when stdout is not a terminal, and always in production', () => {
    expect(choose({}, false)).toBe('json');
    expect(choose({ NODE_ENV: 'production' }, true)).toBe('json');
    expect(choose({ NODE_ENV: 'production' }, false)).toBe('json');
  });

  it('lets LOG_FORMAT force either format', () => {
    expect(choose({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(choose({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(choose({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, false)).toBe('pretty');
    // Empty means unset, as for every variable.
    expect(choose({ LOG_FORMAT: '' }, true)).toBe('pretty');
  });

  it('rejects an unknown LOG_FORMAT', () => {
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrowError(ConfigError);
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrowError(/LOG_FORMAT/);
  });
});

import { describe, expect, it } from 'vitest';
import { loadSeedData } from '../../src/seed/files.js';

/** Corrections the seed review asked for, pinned so they cannot quietly come back. */

const seed = loadSeedData();
const has = (from: string, type: string, to: string) => seed.relations.some((r) => r.from === from && r.type === type && r.to === to);
const aliasesOf = (key: string) => seed.entities.find((e) => e.key === key)?.aliases ?? [];
const kindOf = (key: string) => seed.entities.find((e) => e.key === key)?.kind;

describe('the seed, against the article', () => {
  it('Express.js is written in JavaScript and built on Node.js, which runs JavaScript', () => {
    expect(kindOf('javascript')).toBe('LANGUAGE');
    expect(has('express-js', 'WRITTEN_IN', 'javascript')).toBe(true);
    expect(has('express-js', 'BUILT_ON', 'node-js')).toBe(true);
    expect(has('express-js', 'WRITTEN_IN', 'node-js')).toBe(false);
    expect(has('node-js', 'RUNS', 'javascript')).toBe(true);
  });

  it('no language, database, cloud platform or server tool is a security tool on a general sentence', () => {
    const general = ['LANGUAGE', 'DATABASE', 'CLOUD_PLATFORM', 'SERVER_TOOL'];
    const securityWork = ['ensuring-security', 'security-measures', 'implementing-robust-security', 'security'];
    const offenders = seed.relations.filter((r) => general.includes(kindOf(r.from) ?? '') && securityWork.includes(r.to));
    expect(offenders.map((r) => `${r.from} -${r.type}-> ${r.to}`)).toEqual([]);
  });

  it('qualities affect the user experience rather than being part of it', () => {
    for (const key of ['security', 'performance', 'reliability', 'frontend']) {
      expect(has(key, 'PART_OF', 'user-experience'), key).toBe(false);
    }
    expect(has('performance', 'AFFECTS', 'user-experience')).toBe(true);
  });

  it('twins (SAME_AS) need the same skills: what the article states of one, the other requires too', () => {
    const missing = seed.relations
      .filter((r) => r.type === 'SAME_AS')
      .flatMap(({ from, to }) => [
        [from, to],
        [to, from],
      ])
      .flatMap(([self, twin]) =>
        seed.relations
          .filter((r) => r.from === twin && r.type === 'REQUIRES' && r.basis === 'STATED' && !has(self as string, 'REQUIRES', r.to))
          .map((r) => `${self} lacks REQUIRES ${r.to} (stated of ${twin})`),
      );
    expect(missing).toEqual([]);
    expect(seed.relations.filter((r) => r.type === 'SAME_AS').length).toBeGreaterThanOrEqual(8);
  });

  it('aliases are true synonyms', () => {
    expect(aliasesOf('mysql')).not.toContain('mariadb');
    expect(aliasesOf('postgresql')).not.toContain('psql');
    expect(aliasesOf('senior')).not.toContain('lead backend developer');
    expect(aliasesOf('node-js')).not.toEqual(expect.arrayContaining(['javascript']));
    expect(aliasesOf('content-management-systems')).not.toContain('wordpress');
    // Found by a later audit: each named a different thing.
    expect(aliasesOf('developer-expertise')).not.toContain('developer experience');
    expect(aliasesOf('freelance')).not.toContain('contractor');
    expect(aliasesOf('long-term-development')).not.toContain('maintainability');
    expect(aliasesOf('managing-databases')).not.toContain('database administration');
  });

  it('the role itself is a hub, and every hiring model has at least five links', () => {
    const degree = (key: string) => seed.relations.filter((r) => r.from === key || r.to === key).length;
    expect(kindOf('backend-developer')).toBe('ROLE');
    expect(degree('backend-developer')).toBeGreaterThanOrEqual(20);
    for (const model of seed.entities.filter((e) => e.kind === 'HIRING_MODEL')) {
      expect(degree(model.key), model.key).toBeGreaterThanOrEqual(5);
    }
  });

  it('hiring trade-offs are modelled: in-house costs most, freelance commits less, seniors cost more', () => {
    const drawbacks = (key: string) => seed.relations.filter((r) => r.from === key && r.type === 'HAS_DRAWBACK').map((r) => r.to);
    expect(drawbacks('in-house').length).toBeGreaterThan(0);
    expect(drawbacks('freelance')).toContain('limited-long-term-commitment');
    expect(drawbacks('senior').length).toBeGreaterThan(0);
  });
});

import type { SalaryRow } from '../graph/repository.js';
import { salaryRanges } from '../resolvers/salaries.js';
import { keyArg } from './args.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { PayPeriodEnum, RegionEnum } from './enums.js';

/** Salary and rate ranges (US and Canada, yearly by level and hourly for freelancers). */

export const SalaryRangeRef = builder.objectRef<SalaryRow>('SalaryRange').implement({
  description: 'A pay range the article reports, in whole units of its currency.',
  fields: (t) => ({
    appliesTo: t.field({ type: EntityRef, description: 'The seniority level or hiring model it applies to.', resolve: (s) => s.appliesTo }),
    region: t.field({ type: RegionEnum, resolve: (s) => s.region }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code: USD or CAD.' }),
    period: t.field({ type: PayPeriodEnum, resolve: (s) => s.period }),
    min: t.exposeInt('min'),
    max: t.exposeInt('max'),
    typical: t.exposeInt('typical', { nullable: true, description: 'The stated average, where the article gives one.' }),
    section: t.exposeString('section', { description: 'The article section the figures come from.' }),
  }),
});

builder.queryField('salaries', (t) =>
  t.field({
    type: [SalaryRangeRef],
    description: 'Salary and rate ranges, optionally for one region and one entity key (e.g. `senior`, `freelance`).',
    args: {
      region: t.arg({ type: RegionEnum, required: false }),
      appliesTo: t.arg.string({ required: false, validate: keyArg }),
    },
    resolve: (_root, args, ctx) => salaryRanges(ctx, args),
  }),
);

import { z } from 'zod';
import { LIMITS } from '../limits.js';

/** Argument checks shared by several fields; violations become BAD_USER_INPUT errors. */

/** A whole number in [min, max], named in the message so the caller knows which argument. */
export const intBetween = (name: string, min: number, max: number) =>
  z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`);

export const nonEmptyText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(LIMITS.textLength, `must be at most ${LIMITS.textLength} characters`);

export const keyArg = z.string().max(LIMITS.textLength, `must be at most ${LIMITS.textLength} characters`);

/**
 * An optional Int argument with its default and upper bound from LIMITS. An explicit `null`
 * still reaches the resolver, which falls back to the same `bound.default`.
 */
export const boundedInt = (name: string, bound: { default: number; max: number }, description?: string) => ({
  required: false as const,
  defaultValue: bound.default,
  validate: intBetween(name, 1, bound.max),
  description,
});

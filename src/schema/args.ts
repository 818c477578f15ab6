import { z } from 'zod';

/** Argument bounds shared by several fields; violations become BAD_USER_INPUT errors. */
export const firstArg = (max = 100) => z.number().int().min(1, 'first must be at least 1').max(max, `first must be at most ${max}`);
export const nonEmptyText = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
export const keyArg = z.string().max(200, 'must be at most 200 characters');

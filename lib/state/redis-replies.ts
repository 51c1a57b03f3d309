import * as z from 'zod';
import type { ClosedGroup } from './state-store.js';

/** Replies of our own scripts; checked anyway, so a script bug fails loudly, not silently. */

const CountsSchema = z.tuple([z.number().int(), z.number().int()]);

export const parseCounts = (reply: unknown): readonly [number, number] => CountsSchema.parse(reply);

const GroupSchema = z.object({
  key: z.string(),
  count: z.number().int().positive(),
  sample: z.array(z.string()),
  openedAt: z.number(),
  closesAt: z.number(),
});

const ClaimedSchema = z.array(z.string());

export const parseClaimedGroups = (reply: unknown): ClosedGroup[] =>
  ClaimedSchema.parse(reply).map((raw) => GroupSchema.parse(JSON.parse(raw)));

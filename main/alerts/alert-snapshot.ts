import { z } from 'zod';
import { POOL_IDS } from '../../shared/model';
import { CONDITION_RULE_IDS } from './alert-types';
import { RuleIdSchema } from './alert-settings';

const ScopeSchema = z.object({
  accountId: z.string(),
  accountLabel: z.string(),
  group: z.string().nullable(),
  worker: z.string().nullable(),
});
const SeveritySchema = z.enum(['info', 'warning', 'critical']);

const AlertRecordSchema = z.object({
  key: z.string(),
  ruleId: z.enum(CONDITION_RULE_IDS),
  scope: ScopeSchema,
  ref: z.string().nullable(),
  state: z.enum(['firing', 'resolving']),
  count: z.number().int().nonnegative(),
  sinceMs: z.number(),
  firedAtMs: z.number().nullable(),
  changedAtMs: z.number(),
  message: z.string(),
  severity: SeveritySchema,
});

const NotificationItemSchema = z.object({
  key: z.string(),
  ruleId: RuleIdSchema,
  scope: ScopeSchema,
  // Held items saved before titles used the pool's word have none: they say "worker".
  pool: z.enum(POOL_IDS).nullable().default(null),
  ref: z.string().nullable(),
  change: z.enum(['firing', 'resolved', 'event', 'reminder']),
  atMs: z.number(),
  message: z.string(),
  severity: SeveritySchema,
  urgent: z.boolean(),
});

const SnoozeTargetSchema = z
  .object({
    key: z.string().optional(),
    ruleId: RuleIdSchema.optional(),
    accountId: z.string().optional(),
    group: z.string().optional(),
    worker: z.string().optional(),
  })
  .strict();

/**
 * What survives a restart: firing and resolving alerts (pending ones start over), snoozes, what was
 * notified when, and what quiet hours hold. Worker history and baselines are rebuilt from new polls.
 */
export const AlertEvaluatorSnapshotSchema = z.object({
  version: z.literal(1),
  alerts: z.array(AlertRecordSchema),
  snoozes: z.array(z.object({ target: SnoozeTargetSchema, untilMs: z.number().nullable() })),
  router: z.object({
    delivered: z.array(z.tuple([z.string(), z.number()])),
    held: z.array(NotificationItemSchema),
    heldDropped: z.number().int().nonnegative(),
    seq: z.number().int().nonnegative(),
  }),
});
export type AlertEvaluatorSnapshot = z.infer<typeof AlertEvaluatorSnapshotSchema>;

/** Parses a saved snapshot from unknown (a file); throws a ZodError when it does not fit. */
export function parseAlertSnapshot(value: unknown): AlertEvaluatorSnapshot {
  return AlertEvaluatorSnapshotSchema.parse(value);
}

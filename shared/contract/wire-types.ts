import type { z } from 'zod';
import type {
  AccountSummary,
  AlertScope,
  AlertState,
  Balance,
  Group,
  HashrateWindows,
  Payout,
  PoolAction,
  PoolActionOffer,
  PoolActionResult,
  RevenueEstimate,
  Severity,
  StratumServerGroup,
  Worker,
  WorkerCounts,
} from '../model';
import type {
  AccountSummarySchema,
  BalanceSchema,
  GroupSchema,
  HashrateWindowsSchema,
  PayoutSchema,
  RevenueEstimateSchema,
  StratumServerGroupSchema,
  WorkerCountsSchema,
  WorkerSchema,
} from './schemas';
import type { ActiveAlertSchema, AlertHistoryEntrySchema, AlertScopeSchema } from './alert-schemas';
import type { PoolActionOfferSchema, PoolActionResultSchema, PoolActionSchema } from './pool-action-schemas';

// The model's wire types (what the engine builds) and the contract's schemas (what the UI keeps of it) must
// describe the same object: a field on one side only would be dropped on the way. Checked by tsc, both ways,
// optional fields included: adding `foo?: string` to Worker without adding it to WorkerSchema fails to compile.

/** True only when A and B are the same type (mutual assignability would let an optional field through). */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * True when the schema's output is exactly the model type. Otherwise the fields only one side has, which is
 * what tsc prints below (both lists empty: a field's type or optionality differs).
 */
export type MatchesModel<Model, Schema extends z.ZodType> =
  Same<Model, z.output<Schema>> extends true
    ? true
    : { onlyInModel: Exclude<keyof Model, keyof z.output<Schema>>; onlyInSchema: Exclude<keyof z.output<Schema>, keyof Model> };

type Holds<T extends true> = T;

export type WireTypeChecks = [
  Holds<MatchesModel<HashrateWindows, typeof HashrateWindowsSchema>>,
  Holds<MatchesModel<WorkerCounts, typeof WorkerCountsSchema>>,
  Holds<MatchesModel<Worker, typeof WorkerSchema>>,
  Holds<MatchesModel<Group, typeof GroupSchema>>,
  Holds<MatchesModel<Payout, typeof PayoutSchema>>,
  Holds<MatchesModel<Balance, typeof BalanceSchema>>,
  Holds<MatchesModel<RevenueEstimate, typeof RevenueEstimateSchema>>,
  Holds<MatchesModel<StratumServerGroup, typeof StratumServerGroupSchema>>,
  Holds<MatchesModel<AccountSummary, typeof AccountSummarySchema>>,
  Holds<MatchesModel<AlertScope, typeof AlertScopeSchema>>,
  Holds<Same<PoolAction, z.output<typeof PoolActionSchema>>>,
  Holds<MatchesModel<PoolActionOffer, typeof PoolActionOfferSchema>>,
  Holds<MatchesModel<PoolActionResult, typeof PoolActionResultSchema>>,
  Holds<Same<Severity, z.output<typeof AlertHistoryEntrySchema>['severity']>>,
  Holds<Same<Exclude<AlertState, 'resolved'>, z.output<typeof ActiveAlertSchema>['state']>>,
  Holds<Same<AlertState | null, z.output<typeof AlertHistoryEntrySchema>['to']>>,
];

/**
 * Bridge payload types, derived from the one contract in shared/ipc/contract.ts
 * (type-only imports: no zod reaches the renderer through this file).
 */
import type {
  AuditEntry,
  Effects,
  Endpoint,
  EnvironmentKind,
  Me,
  PlanList,
  Tenant,
  Transaction,
  Workload,
} from '../../../shared/api/schemas';
import type {
  ChannelName,
  ChannelRequest,
  ChannelResponse,
  CommitResult,
  ConnectionStatus,
  JournalEntry,
  MutationProgress,
  Preview,
  PreviewArgs,
  ProfileView,
  Settings,
} from '../../../shared/ipc/contract';
import type { OperatorError } from '../../../shared/ipc/envelope';

export type {
  AuditEntry,
  CommitResult,
  ConnectionStatus,
  Effects,
  Endpoint,
  EnvironmentKind,
  JournalEntry,
  Me,
  MutationProgress,
  OperatorError,
  PlanList,
  Preview,
  ProfileView,
  Settings,
  Tenant,
  Transaction,
  Workload,
};

export type MutationRequest = PreviewArgs;
export type MutationOperation = MutationRequest['operation'];
export type TransactionQuery = Omit<ChannelRequest<'wallet.exportCsv'>, never>;
export type ExportResult = ChannelResponse<'wallet.exportCsv'>;

/** Every call the renderer makes: [arguments, unwrapped result]. */
export type Calls = { [C in ChannelName]: [ChannelRequest<C>, ChannelResponse<C>] };
export type CallName = ChannelName;

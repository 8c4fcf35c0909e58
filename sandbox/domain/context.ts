import type { Effects, Role, TransactionType, Transition } from '../../shared/api';
import { formatCredits } from '../../shared/money';
import type { StatementCache } from '../store/db';
import { validationError } from './errors';
import { formatId } from './ids';
import { Repo, type TransactionRow, toTransaction } from './repo';

/** Largest balance magnitude a wallet may reach: 14 integer digits, like any single amount. */
export const MAX_BALANCE_UNITS = 999_999_999_999_999_999n;

export interface ActorRef {
  id: string;
  role: Role;
}

export interface NewTransaction {
  tenantN: bigint;
  type: TransactionType;
  amount: bigint;
  reason: string;
  workloadN?: bigint;
  endpointN?: bigint;
  windowStart?: number;
  windowEnd?: number;
}

/**
 * Everything one request may touch: the clock reading it runs at, who asks,
 * and a record of its effects. Domain operations write only through
 * `appendTransaction` and `transition`, so the effects a dry run reports are
 * exactly the writes it made before being rolled back.
 */
export class Ctx {
  readonly repo: Repo;
  private readonly transactions: TransactionRow[] = [];
  private readonly walletsBefore = new Map<bigint, bigint>();
  private readonly transitions: Transition[] = [];

  constructor(
    readonly sql: StatementCache,
    readonly now: number,
    readonly actor: ActorRef,
    readonly idempotencyKey: string | null,
  ) {
    this.repo = new Repo(sql);
  }

  /** Appends to the ledger. The database triggers move the wallet and check continuity. */
  appendTransaction(input: NewTransaction): TransactionRow {
    const wallet = this.sql.get('SELECT balance, version FROM tenants WHERE n = ?').get(input.tenantN) as
      | { balance: bigint; version: bigint }
      | undefined;
    if (!wallet) throw new Error(`tenant ${input.tenantN} vanished inside a transaction`);
    const balanceAfter = wallet.balance + input.amount;
    // SQLite integers are 64-bit; refuse long before a balance could overflow them.
    if (balanceAfter > MAX_BALANCE_UNITS || balanceAfter < -MAX_BALANCE_UNITS) {
      throw validationError(
        [{ field: 'amount', message: 'would take the balance beyond ±99,999,999,999,999.9999 credits' }],
        'The transaction would take the wallet balance out of the supported range.',
      );
    }
    if (!this.walletsBefore.has(input.tenantN)) this.walletsBefore.set(input.tenantN, wallet.balance);
    const info = this.sql
      .get(
        `INSERT INTO transactions (tenant_n, seq, type, amount, balance_after, reason, actor, workload_n, endpoint_n,
          window_start, window_end, idempotency_key, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        input.tenantN,
        wallet.version + 1n,
        input.type,
        input.amount,
        balanceAfter,
        input.reason,
        this.actor.id,
        input.workloadN ?? null,
        input.endpointN ?? null,
        input.windowStart ?? null,
        input.windowEnd ?? null,
        this.idempotencyKey,
        this.now,
      );
    const row = this.repo.transaction(BigInt(info.lastInsertRowid));
    if (!row) throw new Error('inserted transaction not found');
    this.transactions.push(row);
    this.touchTenant(input.tenantN);
    return row;
  }

  transition(
    entity: Transition['entity'],
    id: string,
    tenantN: bigint,
    field: string,
    from: string | null,
    to: string | null,
  ): void {
    if (from === to) return;
    this.transitions.push({ entity, id, tenant_id: formatId('tenant', tenantN), field, from, to });
  }

  touchTenant(tenantN: bigint): void {
    this.sql.get('UPDATE tenants SET updated_at = ? WHERE n = ?').run(this.now, tenantN);
  }

  transactionIds(): string[] {
    return this.transactions.map((t) => formatId('transaction', t.n));
  }

  transitionList(): Transition[] {
    return [...this.transitions];
  }

  effects(): Effects {
    const wallets = [...this.walletsBefore].map(([tenantN, before]) => {
      const after = (
        this.sql.get('SELECT balance FROM tenants WHERE n = ?').get(tenantN) as { balance: bigint }
      ).balance;
      return {
        tenant_id: formatId('tenant', tenantN),
        balance_before: formatCredits(before),
        balance_after: formatCredits(after),
      };
    });
    return {
      transactions: this.transactions.map(toTransaction),
      wallets,
      transitions: [...this.transitions],
    };
  }
}

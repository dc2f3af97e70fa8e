/**
 * Processes stored inbox events: in order within a conversation, conversations in parallel (bounded).
 * Each event is claimed with a conditional update (so several instances never process one twice),
 * handled in one transaction that also marks it done, and on failure retried with back-off until it ends
 * in a visible `failed` state. A periodic sweep picks up events left by a crash or a back-off.
 */
import type { Database, Tx } from '../store/database.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { AppError } from '../model/errors.ts';
import { Semaphore } from '../util/semaphore.ts';
import type { InboxEvent } from '../../prisma/generated/sqlite/client.ts';

export const INBOX_STATUSES = ['pending', 'done', 'failed', 'rejected'] as const;

export interface InboxWorkerOptions {
  instanceId: string;
  concurrency: number;
  maxAttempts: number;
  lockMs: number;
  sweepIntervalMs: number;
  transactionTimeoutMs: number;
}

export const DEFAULT_INBOX_OPTIONS: InboxWorkerOptions = {
  instanceId: 'local',
  concurrency: 4,
  maxAttempts: 5,
  lockMs: 60_000,
  sweepIntervalMs: 1_000,
  transactionTimeoutMs: 20_000,
};

export type InboxHandler = (tx: Tx, event: InboxEvent, now: Date) => Promise<void>;
export type FinalFailureHandler = (event: InboxEvent, error: unknown) => Promise<void>;

export class InboxWorker {
  private readonly active = new Map<string, Promise<void>>();
  private readonly dirty = new Set<string>();
  private readonly permits: Semaphore;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Called after an event's transaction committed (e.g. to wake the outbox sender). */
  onProcessed: () => void = () => {};

  constructor(
    private readonly db: Database,
    private readonly handle: InboxHandler,
    private readonly onFinalFailure: FinalFailureHandler,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: InboxWorkerOptions = DEFAULT_INBOX_OPTIONS,
  ) {
    this.permits = new Semaphore(options.concurrency);
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      this.sweep()
        .catch((error) => this.log.warn({ err: error }, 'inbox sweep failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.sweepIntervalMs);
        });
    };
    tick();
  }

  /** Stops taking new work and waits for work in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.active.values()]);
  }

  /** Processes the conversation's pending events soon (called right after an event is stored). */
  notify(conversationKey: string): void {
    if (this.stopped) return;
    if (this.active.has(conversationKey)) {
      this.dirty.add(conversationKey);
      return;
    }
    const run = this.drainConversation(conversationKey).finally(() => {
      this.active.delete(conversationKey);
      if (this.dirty.delete(conversationKey)) this.notify(conversationKey);
    });
    this.active.set(conversationKey, run);
  }

  /** Finds conversations with claimable events and schedules them. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const rows = await this.db.prisma.inboxEvent.findMany({
      where: { status: 'pending', OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      select: { conversationKey: true },
      orderBy: { id: 'asc' },
      take: 1000,
    });
    const keys = new Set(rows.map((r) => r.conversationKey));
    for (const key of keys) this.notify(key);
    return keys.size;
  }

  /** For tests and shutdown: sweeps until nothing is pending or in flight. */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await Promise.allSettled([...this.active.values()]);
      const scheduled = await this.sweep();
      if (scheduled === 0 && this.active.size === 0) return;
      if (scheduled > 0 && this.active.size === 0) await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('inbox did not become idle in time');
  }

  private async drainConversation(key: string): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const next = await this.db.prisma.inboxEvent.findFirst({ where: { conversationKey: key, status: 'pending' }, orderBy: { id: 'asc' } });
      if (!next) return;
      // Locked by another instance or backing off: leave it; the sweep comes back when the lock expires.
      if (next.lockedUntil && next.lockedUntil > this.clock.now()) return;
      const processed = await this.permits.run(() => this.processOne(next));
      if (!processed) return;
    }
  }

  /** Claims and processes one event; false when the claim was lost or it failed (order is kept). */
  private async processOne(event: InboxEvent): Promise<boolean> {
    const now = this.clock.now();
    const claim = await this.db.prisma.inboxEvent.updateMany({
      where: { id: event.id, status: 'pending', OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { lockedBy: this.options.instanceId, lockedUntil: new Date(now.getTime() + this.options.lockMs), attempts: { increment: 1 } },
    });
    if (claim.count === 0) return false;
    try {
      await this.db.prisma.$transaction(
        async (tx) => {
          await this.handle(tx, event, now);
          await tx.inboxEvent.update({ where: { id: event.id }, data: { status: 'done', processedAt: this.clock.now(), lockedBy: null, lockedUntil: null } });
        },
        { timeout: this.options.transactionTimeoutMs, maxWait: this.options.transactionTimeoutMs },
      );
      this.onProcessed();
      return true;
    } catch (error) {
      await this.recordFailure(event, error);
      return false;
    }
  }

  private async recordFailure(event: InboxEvent, error: unknown): Promise<void> {
    const attempts = event.attempts + 1;
    const refused = error instanceof AppError && error.code !== 'storage_unavailable' && error.code !== 'internal';
    const final = refused || attempts >= this.options.maxAttempts;
    const message = error instanceof Error ? error.message.slice(0, 1000) : String(error);
    this.log.warn({ inboxId: event.id, attempts, final, error: message }, 'inbox event failed');
    const backoffMs = Math.min(60_000, 500 * 2 ** attempts);
    try {
      await this.db.prisma.inboxEvent.update({
        where: { id: event.id },
        data: final
          ? { status: refused ? 'rejected' : 'failed', lastError: message, lockedBy: null, lockedUntil: null }
          : { lastError: message, lockedBy: null, lockedUntil: new Date(this.clock.now().getTime() + backoffMs) },
      });
      if (final) await this.onFinalFailure(event, error);
    } catch (storeError) {
      // The database itself is down: the claim lock expires and the sweep retries the event later.
      this.log.error({ inboxId: event.id, err: storeError }, 'could not record inbox failure');
    }
  }
}

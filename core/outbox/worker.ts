/**
 * Sends outbox rows through the channel senders: at least once, in order per order key (a chat, or a
 * ticket on an agent surface), with back-off and the platform's retry-after, ending in a visible `dead`
 * state after too many attempts or a permanent refusal (recorded on the ticket). Rows are claimed with a
 * conditional update, so several instances never send one row at the same time.
 */
import type { Database } from '../store/database.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { Channel } from '../model/messages.ts';
import type { ChannelSender, Delivery, SendContext, SendResult } from '../model/delivery.ts';
import type { OutboxMessage } from '../../prisma/generated/sqlite/client.ts';
import { Semaphore } from '../util/semaphore.ts';
import { recordEvent } from '../tickets/events.ts';
import { isUniqueViolation } from '../store/unique-violation.ts';

export interface OutboxWorkerOptions {
  instanceId: string;
  concurrency: number;
  maxAttempts: number;
  lockMs: number;
  pollIntervalMs: number;
  batchSize: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxWorkerOptions = {
  instanceId: 'local',
  concurrency: 8,
  maxAttempts: 12,
  lockMs: 60_000,
  pollIntervalMs: 250,
  batchSize: 200,
};

export class OutboxWorker {
  private readonly senders = new Map<Channel, ChannelSender>();
  private readonly busyKeys = new Set<string>();
  private readonly permits: Semaphore;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wake = false;

  constructor(
    private readonly db: Database,
    senders: ChannelSender[],
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: OutboxWorkerOptions = DEFAULT_OUTBOX_OPTIONS,
  ) {
    for (const sender of senders) this.senders.set(sender.channel, sender);
    this.permits = new Semaphore(options.concurrency);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Sends soon; called after a transaction wrote outbox rows. */
  notify(): void {
    if (this.running) this.wake = true;
    else if (!this.stopped) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      let attempted = 0;
      this.running = this.pass()
        .then((count) => {
          attempted = count;
        })
        .catch((error) => this.log.warn({ err: error }, 'outbox pass failed'))
        .finally(() => {
          this.running = undefined;
          if (this.stopped) return;
          // Rows queued behind the ones just sent (same chat) are due now: go again without waiting.
          const again = this.wake || attempted > 0;
          this.wake = false;
          this.schedule(again ? 0 : this.options.pollIntervalMs);
        });
    }, delayMs);
  }

  /** One pass: the oldest due row of each order key, sent in parallel across keys. Returns rows attempted. */
  async pass(): Promise<number> {
    const now = this.clock.now();
    const due = await this.db.prisma.outboxMessage.findMany({
      where: { status: 'pending', nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      orderBy: { id: 'asc' },
      take: this.options.batchSize,
    });
    const heads = await this.headsOfTheirKeys(due);
    await Promise.all(heads.map((row) => this.permits.run(() => this.sendOne(row))));
    return heads.length;
  }

  /** Keeps order: a row is sent only when no older row of the same key is still pending. */
  private async headsOfTheirKeys(rows: OutboxMessage[]): Promise<OutboxMessage[]> {
    const firstPerKey = new Map<string, OutboxMessage>();
    for (const row of rows) if (!firstPerKey.has(row.orderKey) && !this.busyKeys.has(row.orderKey)) firstPerKey.set(row.orderKey, row);
    if (firstPerKey.size === 0) return [];
    const older = await this.db.prisma.outboxMessage.groupBy({
      by: ['orderKey'],
      where: { orderKey: { in: [...firstPerKey.keys()] }, status: 'pending' },
      _min: { id: true },
    });
    const minByKey = new Map(older.map((g) => [g.orderKey, g._min.id]));
    return [...firstPerKey.values()].filter((row) => minByKey.get(row.orderKey) === row.id);
  }

  private async sendOne(row: OutboxMessage): Promise<void> {
    const now = this.clock.now();
    const claim = await this.db.prisma.outboxMessage.updateMany({
      where: { id: row.id, status: 'pending', OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { lockedBy: this.options.instanceId, lockedUntil: new Date(now.getTime() + this.options.lockMs), attempts: { increment: 1 } },
    });
    if (claim.count === 0) return;
    this.busyKeys.add(row.orderKey);
    try {
      const result = await this.deliver(row);
      await this.record(row, result);
    } finally {
      this.busyKeys.delete(row.orderKey);
    }
  }

  private async deliver(row: OutboxMessage): Promise<SendResult> {
    const sender = this.senders.get(row.channel as Channel);
    if (!sender) return { ok: false, retryable: false, error: `no sender configured for channel ${row.channel}` };
    try {
      return await sender.send(JSON.parse(row.payload) as Delivery, this.context(row));
    } catch (error) {
      return { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private context(row: OutboxMessage): SendContext {
    const prisma = this.db.prisma;
    return {
      outboxId: String(row.id),
      getLink: async (ticketId, surface) => (await prisma.surfaceLink.findUnique({ where: { ticketId_surface: { ticketId, surface } } }))?.ref,
      setLink: async (ticketId, surface, ref) => {
        try {
          await prisma.surfaceLink.upsert({ where: { ticketId_surface: { ticketId, surface } }, create: { ticketId, surface, ref }, update: { ref } });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      },
    };
  }

  private async record(row: OutboxMessage, result: SendResult): Promise<void> {
    const now = this.clock.now();
    const attempts = row.attempts + 1;
    if (result.ok) {
      await this.db.prisma.outboxMessage.update({ where: { id: row.id }, data: { status: 'sent', sentAt: now, externalRef: result.externalRef ?? null, lockedBy: null, lockedUntil: null } });
      return;
    }
    const dead = !result.retryable || attempts >= this.options.maxAttempts;
    const backoff = Math.min(15 * 60_000, 1000 * 2 ** Math.min(attempts, 12));
    const wait = result.retryable && result.retryAfterMs !== undefined ? Math.max(result.retryAfterMs, 0) : backoff;
    this.log.warn({ outboxId: row.id, channel: row.channel, attempts, dead, error: result.error }, 'outbox send failed');
    await this.db.prisma.outboxMessage.update({
      where: { id: row.id },
      data: dead
        ? { status: 'dead', lastError: result.error.slice(0, 1000), lockedBy: null, lockedUntil: null }
        : { lastError: result.error.slice(0, 1000), nextAttemptAt: new Date(now.getTime() + wait), lockedBy: null, lockedUntil: null },
    });
    if (dead && row.ticketId) {
      await this.db.prisma.$transaction(async (tx) =>
        recordEvent(tx, {
          ticketId: row.ticketId!,
          type: 'delivery_failed',
          actor: { kind: 'system' },
          at: now,
          data: { outboxId: row.id, channel: row.channel, error: result.error.slice(0, 300), reason: 'reason' in result ? result.reason : undefined },
        }),
      );
    }
  }
}

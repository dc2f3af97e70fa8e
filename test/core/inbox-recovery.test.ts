/**
 * The inbox worker's start after a crash (crash-journal.ts): events listed by the dead process count an
 * attempt and are processed alone before anything else; a stop during that waits for the event in hand
 * and leaves no journal behind; an event finished meanwhile is neither failed nor reported.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InboxIntake, parseStoredEvent } from '../../core/inbox/intake.ts';
import { DEFAULT_INBOX_OPTIONS, InboxWorker, type InboxHandler } from '../../core/inbox/worker.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import type { IntakeEvent } from '../../core/model/intake.ts';
import { createTestDatabase, providers, type TestDatabase } from '../support/databases.ts';
import { deadPid } from '../support/processes.ts';

let db: TestDatabase | undefined;
let dir: string | undefined;
afterEach(async () => {
  await db?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
  db = undefined;
  dir = undefined;
});

const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));

function message(chat: string, n: number): IntakeEvent {
  return {
    kind: 'requester',
    message: { channel: 'terminal', conversationKey: chat, externalId: `${chat}-${n}`, sender: { externalUserId: chat }, text: `m${n}`, receivedAt: new Date() },
  };
}


/** Stores the events and leaves a journal as a crashed process listing `inFlight` would have. */
async function crashedWith(events: IntakeEvent[], inFlight: string[]): Promise<string> {
  const intake = new InboxIntake(db!, () => {}, clock);
  for (const event of events) await intake.accept(event);
  const rows = await db!.prisma.inboxEvent.findMany({ where: { externalId: { in: inFlight } }, select: { id: true } });
  dir = mkdtempSync(join(tmpdir(), 'inbox-recovery-'));
  const path = join(dir, 'journal');
  writeFileSync(`${path}.${deadPid()}`, JSON.stringify(rows.map((r) => r.id)));
  return path;
}

describe.each(providers)('inbox start after a crash on %s', (provider) => {
  it('a stop during recovery waits for the event in hand and leaves no journal', async () => {
    db = await createTestDatabase(provider);
    const journalPath = await crashedWith([message('x', 0), message('x', 1)], ['x-0']);
    const seen: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inHand = new Promise<void>((resolve) => (entered = resolve));
    const handler: InboxHandler = async (_tx, row) => {
      const id = parseStoredEvent(row.payload).kind === 'requester' ? row.externalId : '';
      if (id === 'x-0') {
        entered();
        await released;
      }
      seen.push(id);
      return false;
    };
    const worker = new InboxWorker(db, handler, async () => {}, clock, silentLogger, { ...DEFAULT_INBOX_OPTIONS, sweepIntervalMs: 60_000, journalPath });
    worker.start();
    await inHand;
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(seen).toEqual(['x-0']);
    expect(readdirSync(dir!)).toEqual([]);
    const x0 = await db.prisma.inboxEvent.findFirstOrThrow({ where: { externalId: 'x-0' } });
    expect(x0).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('neither fails nor reports a listed event that was finished meanwhile; fails one whose attempts are used up', async () => {
    db = await createTestDatabase(provider);
    const journalPath = await crashedWith([message('y', 0), message('z', 0)], ['y-0', 'z-0']);
    await db.prisma.inboxEvent.updateMany({ where: { externalId: 'y-0' }, data: { status: 'done', attempts: DEFAULT_INBOX_OPTIONS.maxAttempts - 1 } });
    await db.prisma.inboxEvent.updateMany({ where: { externalId: 'z-0' }, data: { attempts: DEFAULT_INBOX_OPTIONS.maxAttempts - 1 } });
    const told: string[] = [];
    const handled: string[] = [];
    const worker = new InboxWorker(
      db,
      async (_tx, row) => {
        handled.push(row.externalId);
        return false;
      },
      async (row) => {
        told.push(row.externalId);
      },
      clock,
      silentLogger,
      { ...DEFAULT_INBOX_OPTIONS, sweepIntervalMs: 60_000, journalPath },
    );
    worker.start();
    await worker.idle();
    await worker.stop();
    expect(told).toEqual(['z-0']);
    expect(handled).toEqual([]);
    const rows = await db.prisma.inboxEvent.findMany({ orderBy: { externalId: 'asc' }, select: { externalId: true, status: true, attempts: true } });
    expect(rows).toEqual([
      { externalId: 'y-0', status: 'done', attempts: DEFAULT_INBOX_OPTIONS.maxAttempts - 1 },
      { externalId: 'z-0', status: 'failed', attempts: DEFAULT_INBOX_OPTIONS.maxAttempts },
    ]);
  });
});

describe.each(providers)('inbox sweep on %s', (provider) => {
  it('schedules every conversation with work, also behind one with a backlog of over a thousand events', async () => {
    db = await createTestDatabase(provider);
    const intake = new InboxIntake(db, () => {}, clock);
    await Promise.all([...Array.from({ length: 1100 }, (_, n) => message('flood', n)), message('quiet', 0)].map((event) => intake.accept(event)));
    const worker = new InboxWorker(db, async () => false, async () => {}, clock, silentLogger, { ...DEFAULT_INBOX_OPTIONS, sweepIntervalMs: 60_000 });
    expect(await worker.sweep()).toBe(2);
    await worker.idle();
    await worker.stop();
    expect(await db.prisma.inboxEvent.count({ where: { status: 'pending' } })).toBe(0);
  });
});

/**
 * The inbox worker's start after a crash (crash-journal.ts): events listed by the dead process count an
 * attempt and are processed alone before anything else; a stop during that waits for the event in hand
 * and leaves no journal behind; an event finished meanwhile is neither failed nor reported.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InboxIntake, parseStoredEvent } from '../../core/inbox/intake.ts';
import { DEFAULT_INBOX_OPTIONS, InboxWorker, type InboxHandler } from '../../core/inbox/worker.ts';
import { journalFile } from '../../core/inbox/crash-journal.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import type { IntakeEvent } from '../../core/model/intake.ts';
import { chatMessage } from '../support/inbox-events.ts';
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

/** Stores the events and leaves a journal as a crashed process listing `inFlight` would have. */
async function crashedWith(events: IntakeEvent[], inFlight: string[]): Promise<string> {
  const intake = new InboxIntake(db!, () => {}, clock);
  for (const event of events) await intake.accept(event);
  const rows = await db!.prisma.inboxEvent.findMany({ where: { externalId: { in: inFlight } }, select: { id: true } });
  dir = mkdtempSync(join(tmpdir(), 'inbox-recovery-'));
  const path = join(dir, 'journal');
  writeFileSync(journalFile(path, deadPid()), JSON.stringify(rows.map((r) => r.id)));
  return path;
}

describe.each(providers)('inbox start after a crash on %s', (provider) => {
  it('a stop during recovery waits for the event in hand and leaves no journal', async () => {
    db = await createTestDatabase(provider);
    const journalPath = await crashedWith([chatMessage('x', 0), chatMessage('x', 1)], ['x-0']);
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
    const journalPath = await crashedWith([chatMessage('y', 0), chatMessage('z', 0)], ['y-0', 'z-0']);
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

describe('inbox start after a crash, database unreachable at first', () => {
  it('keeps the events listed in its own file and goes on sweeping and processing', async () => {
    db = await createTestDatabase('sqlite');
    const journalPath = await crashedWith([chatMessage('v', 0), chatMessage('w', 0)], ['v-0']);
    // v-0 waits (backing off), so it is still listed when checked; w-0 shows the sweep runs.
    await db.prisma.inboxEvent.updateMany({ where: { externalId: 'v-0' }, data: { lockedUntil: new Date(clock.now().getTime() + 3_600_000) } });
    // The first statement fails (the database is not reachable yet); everything after works.
    let failures = 1;
    const prisma = new Proxy(db.prisma, {
      get(target, property, receiver) {
        if (property !== '$executeRawUnsafe' || failures === 0) return Reflect.get(target, property, receiver);
        return async () => {
          failures -= 1;
          throw new Error('connection refused');
        };
      },
    });
    const handled: string[] = [];
    const worker = new InboxWorker(
      { ...db, prisma, direct: undefined },
      async (_tx, row) => {
        handled.push(row.externalId);
        return false;
      },
      async () => {},
      clock,
      silentLogger,
      { ...DEFAULT_INBOX_OPTIONS, sweepIntervalMs: 20, journalPath },
    );
    worker.start();
    for (let i = 0; i < 200 && !handled.length; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handled).toEqual(['w-0']);
    const own = readFileSync(journalFile(journalPath, process.pid), 'utf8');
    const v0 = await db.prisma.inboxEvent.findFirstOrThrow({ where: { externalId: 'v-0' } });
    expect(JSON.parse(own)).toContain(v0.id);
    await worker.stop();
    expect(readdirSync(dir!)).toEqual([]);
  });
});

describe.each(providers)('inbox sweep on %s', (provider) => {
  it('schedules every conversation with work, also behind one with a backlog of over a thousand events', async () => {
    db = await createTestDatabase(provider);
    const intake = new InboxIntake(db, () => {}, clock);
    await Promise.all([...Array.from({ length: 1100 }, (_, n) => chatMessage('flood', n)), chatMessage('quiet', 0)].map((event) => intake.accept(event)));
    const worker = new InboxWorker(db, async () => false, async () => {}, clock, silentLogger, { ...DEFAULT_INBOX_OPTIONS, sweepIntervalMs: 60_000 });
    expect(await worker.sweep()).toBe(2);
    await worker.idle();
    await worker.stop();
    expect(await db.prisma.inboxEvent.count({ where: { status: 'pending' } })).toBe(0);
  });
});

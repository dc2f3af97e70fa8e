/**
 * A message whose processing kills the process (here SIGKILL from inside the handler; in life an
 * out-of-memory abort or a native fault), or hangs it (a runaway loop, ended by the watchdog), must not
 * take the service down for good. Without the crash
 * journal the event's claim rolls back with the crash and every restart takes it again (on SQLite
 * together with a batch of innocent events). With it, each restart counts an attempt for the events
 * that were in flight and retries them one per transaction; the poison event ends `failed` after its
 * attempts (its requester is told), and every other event is processed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { InboxIntake } from '../../core/inbox/intake.ts';
import { DEFAULT_INBOX_OPTIONS } from '../../core/inbox/worker.ts';
import { systemClock } from '../../core/clock.ts';
import { chatMessage } from '../support/inbox-events.ts';
import { createTestDatabase, providers, type TestDatabase } from '../support/databases.ts';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let db: TestDatabase | undefined;
let dir: string | undefined;
afterEach(async () => {
  await db?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
  db = undefined;
  dir = undefined;
});

function runChild(env: Record<string, string>): Promise<number | string> {
  const loader = pathToFileURL(join(repo, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, join(repo, 'test/reliability/support/inbox-crash-child.ts')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
}

interface Case {
  provider: (typeof providers)[number];
  poison: 'kill' | 'hang';
  env: Record<string, string>;
}

const cases = providers.flatMap((provider): Case[] => [
  { provider, poison: 'kill', env: {} },
  // A runaway loop: only the watchdog (core/util/watchdog.ts) can end that process. 1.5 s, not 400 ms:
  // with the whole suite on two busy cores the watchdog once killed the child one time more than the
  // poison's attempts, most likely over a slow start-up rather than the poison.
  { provider, poison: 'hang', env: { POISON: 'hang', WATCHDOG_MS: '1500' } },
]);

describe.each(cases)('an event that kills the process ($poison) on $provider', ({ provider, env }) => {
  it('ends failed after its attempts while every other event is processed', async () => {
    db = await createTestDatabase(provider);
    dir = mkdtempSync(join(tmpdir(), 'frontline-journal-'));
    const intake = new InboxIntake(db, () => {}, systemClock);
    const events = ['a', 'b', 'c', 'd'].flatMap((chat) => [0, 1, 2].map((n) => chatMessage(chat, n, chat === 'b' && n === 1 ? 'poison' : 'fine')));
    await Promise.all(events.map((e) => intake.accept(e)));

    const exits: Array<number | string> = [];
    for (let run = 0; run < DEFAULT_INBOX_OPTIONS.maxAttempts + 3; run++) {
      const exit = await runChild({ DATABASE_URL: db.url, JOURNAL_PATH: join(dir, 'inbox-journal'), ...env });
      exits.push(exit);
      if (exit === 0) break;
    }
    // Killed once per attempt (the last count fails it at the next start), then a clean run.
    expect(exits).toEqual([...Array(DEFAULT_INBOX_OPTIONS.maxAttempts).fill('SIGKILL'), 0]);

    const rows = await db.prisma.inboxEvent.findMany({ orderBy: { id: 'asc' }, select: { externalId: true, status: true, attempts: true, lastError: true } });
    const poison = rows.find((r) => r.externalId === 'b-1')!;
    expect(poison).toMatchObject({ status: 'failed', attempts: DEFAULT_INBOX_OPTIONS.maxAttempts });
    expect(poison.lastError).toMatch(/process stopped/);
    expect(rows.filter((r) => r.externalId !== 'b-1').every((r) => r.status === 'done')).toBe(true);
    // Innocent events of the first crashed batch count that one crash at most.
    expect(Math.max(...rows.filter((r) => r.externalId !== 'b-1').map((r) => r.attempts))).toBeLessThanOrEqual(1);

    const counters = await db.prisma.counter.findMany({ where: { OR: [{ name: { startsWith: 'done:' } }, { name: { startsWith: 'told:' } }] } });
    const names = counters.map((c) => c.name).sort();
    expect(names).toEqual([...rows.filter((r) => r.externalId !== 'b-1').map((r) => `done:${r.externalId}`), 'told:b-1'].sort());
  }, 120_000);
});

/**
 * Crash on intake: a burst through the real service (child process, polling the fake Bot API) while it
 * is SIGKILLed at random moments and restarted. Every update the fake saw confirmed is stored exactly
 * once, processed once, and has its ticket; replies are repeated only for sends in flight at a kill.
 */
import { describe, expect, it } from 'vitest';
import { runBench } from '../../bench/scenario.ts';
import { parseArgs } from '../../bench/args.ts';
import { postgresUrl } from '../support/databases.ts';

describe('crash on intake (child processes, SIGKILL)', () => {
  it('loses and duplicates nothing across kills on SQLite', { timeout: 120_000 }, async () => {
    const result = await runBench(parseArgs(['--messages', '250', '--users', '25', '--kill', '2', '--seed', '7']), () => {});
    expect(result.kills).toBe(2);
    expect(result.details.complete).toBe(true);
    expect(result.details.confirmed).toBe(250);
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
    expect(result.stored).toBe(250);
    expect(result.details.inboxByStatus).toEqual({ done: 250 });
    expect(result.tickets).toBeGreaterThanOrEqual(25); // every user's first message opened a ticket
    expect(result.details.usersAnswered).toBe(25);
    expect(result.details.outboxDead).toBe(0);
  });

  it.runIf(postgresUrl)('loses and duplicates nothing with two instances on PostgreSQL, the leader killed', { timeout: 120_000 }, async () => {
    const result = await runBench(parseArgs(['--messages', '200', '--users', '20', '--kill', '1', '--instances', '2', '--database-url', postgresUrl!, '--seed', '9']), () => {});
    expect(result.kills).toBe(1);
    expect(result.details.complete).toBe(true);
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
    expect(result.details.inboxByStatus).toEqual({ done: 200 });
    expect(result.details.usersAnswered).toBe(20);
  });
});

/**
 * Leadership: two service processes on one database (PostgreSQL when TEST_POSTGRES_URL is set, else one
 * SQLite file) in polling mode. Only the holder of the `telegram:poller` lease polls; SIGKILL it, and the
 * other takes over polling once the lease expires, with nothing confirmed lost or processed twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { postgresUrl } from '../support/databases.ts';
import { createRig, drained, QUESTIONS, type Rig } from './support.ts';

const LEASE = 'telegram:poller';

describe(`leader takeover (${postgresUrl ? 'postgresql' : 'sqlite'}, child processes)`, () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
  });

  it('moves polling to the surviving instance when the leader is killed', { timeout: 90_000 }, async () => {
    rig = await createRig(postgresUrl ? { postgres: postgresUrl } : {});
    const a = await rig.fleet.start(0);
    const b = await rig.fleet.start(1);
    const inspector = await rig.inspector();
    await rig.waitUntil(async () => (await inspector.leaseHolder(LEASE)) !== undefined, 10_000);
    const leader = (await inspector.leaseHolder(LEASE))!;
    const survivor = leader === a.instanceId ? b : a;
    const victim = leader === a.instanceId ? a : b;

    let sent = 0;
    const say = (n: number) => {
      for (let i = 0; i < n; i++, sent++) rig!.say(800_000 + (sent % 25), QUESTIONS[sent % QUESTIONS.length]!);
    };
    say(100);
    await rig.waitUntil(() => rig!.confirmed.size >= 50, 30_000);
    victim.child.kill('SIGKILL');
    await victim.exited;
    say(100); // arrives while nobody polls
    await rig.waitUntil(async () => (await inspector.leaseHolder(LEASE)) === survivor.instanceId, 15_000);
    await rig.waitUntil(() => drained(rig!, 200), 60_000);

    const final = await inspector.final();
    const lost = [...rig.confirmed].filter((id) => !final.storedExternalIds.has(id));
    expect(lost).toEqual([]);
    expect(final.duplicateRows).toBe(0);
    expect(final.inboxByStatus).toEqual({ done: 200 });
    expect(final.stored).toBe(200);
    // Each user got their answers from whichever instance processed them.
    for (let u = 0; u < 25; u++) expect(rig.fake.sentTo(800_000 + u).length).toBeGreaterThan(0);
  });
});

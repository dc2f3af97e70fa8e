/**
 * Graceful shutdown: SIGTERM during a burst. The process stops polling, finishes or abandons the work in
 * flight, flushes the outbox for a bounded time and exits 0 well within 10 s; after a restart everything
 * the fake saw confirmed is stored once and answered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRig, drained, QUESTIONS, type Rig } from './support.ts';

describe('SIGTERM during a burst (child process)', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
  });

  it('exits within 10 s and loses nothing acknowledged', { timeout: 90_000 }, async () => {
    rig = await createRig();
    await rig.fleet.start(0);
    for (let i = 0; i < 300; i++) rig.say(900_000 + (i % 30), QUESTIONS[i % QUESTIONS.length]!);
    await rig.waitUntil(() => rig!.confirmed.size >= 60, 30_000);
    const { code, ms } = await rig.fleet.terminate(0);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    const confirmedAtStop = new Set(rig.confirmed);

    await rig.fleet.start(0);
    await rig.waitUntil(() => drained(rig!, 300), 60_000);
    const final = await (await rig.inspector()).final();
    expect([...confirmedAtStop].filter((id) => !final.storedExternalIds.has(id))).toEqual([]);
    expect(final.duplicateRows).toBe(0);
    expect(final.inboxByStatus).toEqual({ done: 300 });
    for (let u = 0; u < 30; u++) expect(rig.fake.sentTo(900_000 + u).length).toBeGreaterThan(0);
  });
});

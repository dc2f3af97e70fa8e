/**
 * A process that runs the real inbox worker (journal on) over a database with a handler that, on a
 * message saying "poison", kills the process outright (SIGKILL: no handler, no cleanup) or, with
 * POISON=hang, never yields (the watchdog, on with WATCHDOG_MS, ends the process). Other messages leave
 * a marker row. Exits 0 once nothing is pending; used by poison-crash.test.ts.
 */
import { openDatabase } from '../../../core/store/database.ts';
import { DEFAULT_INBOX_OPTIONS, InboxWorker, type InboxHandler } from '../../../core/inbox/worker.ts';
import { parseStoredEvent } from '../../../core/inbox/intake.ts';
import { systemClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/log.ts';
import { startWatchdog } from '../../../core/util/watchdog.ts';

const db = await openDatabase({ url: process.env.DATABASE_URL!, migrate: false, poolSize: 4 });
const insertMarker = db.provider === 'postgres' ? 'INSERT INTO "Counter" ("name", "value") VALUES ($1, 1)' : 'INSERT INTO "Counter" ("name", "value") VALUES (?, 1)';
const handler: InboxHandler = async (tx, row) => {
  const event = parseStoredEvent(row.payload);
  if (event.kind === 'requester' && event.message.text === 'poison') {
    if (process.env.POISON !== 'hang') process.kill(process.pid, 'SIGKILL');
    for (;;); // a runaway loop: the event loop never comes back
  }
  await tx.$executeRawUnsafe(insertMarker, `done:${row.externalId}`);
  return false;
};
const worker = new InboxWorker(
  db,
  handler,
  async (row) => {
    await db.prisma.counter.create({ data: { name: `told:${row.externalId}`, value: 1 } });
  },
  systemClock,
  silentLogger,
  { ...DEFAULT_INBOX_OPTIONS, sweepIntervalMs: 50, journalPath: process.env.JOURNAL_PATH! },
);
if (process.env.WATCHDOG_MS) startWatchdog(Number(process.env.WATCHDOG_MS));
worker.start();
await worker.idle(20_000);
await worker.stop();
await db.close();
process.exit(0);

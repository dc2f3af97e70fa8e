/**
 * Which inbox events this process is processing right now, in a small local file, so the next process
 * can tell which events were in flight when this one died.
 *
 * Why: an event's claim is part of its processing transaction, so a crash rolls the claim back and the
 * event looks untouched. An event that crashes the process itself (out of memory, a native fault, an
 * exit deep in a library) would be taken again after every restart, forever; with batches of 64 on
 * SQLite it would also take 63 innocent events down with it each time. With the journal the next start
 * counts one attempt for each event that was in flight, retries them one per transaction (so the one that
 * crashes is singled out), and fails an event whose attempts are used up, as for any other failure.
 *
 * The file is written before a transaction starts and emptied after it ends (a few hundred bytes, no
 * fsync: it must survive the process, not the machine), in place through one open descriptor (one
 * positional write, padded with spaces over a longer previous text): writeFileSync's open/write/close
 * cost ~3 % of the service's CPU in a burst. A file that cannot be written turns the journal off with
 * one warning; the service keeps running without it.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import type { Logger } from '../log.ts';

export class CrashJournal {
  private disabled = false;
  private readonly inFlight = new Set<number>();
  private fd: number | undefined;
  /** Length of the text in the file: a shorter one is padded to cover it. */
  private written = 0;

  constructor(
    readonly path: string,
    private readonly log: Logger,
  ) {}

  /** Events listed by a process that did not stop cleanly (empty when there was none). */
  leftOver(): number[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return [];
    }
    try {
      const ids: unknown = JSON.parse(text || '[]');
      return Array.isArray(ids) ? ids.filter((id): id is number => Number.isSafeInteger(id)) : [];
    } catch {
      // Cut off mid-write by the crash: the events of that moment are unknown; they are retried normally.
      this.log.warn({ path: this.path }, 'unreadable inbox journal ignored');
      return [];
    }
  }

  /** These events are being processed from now on. */
  begin(ids: readonly number[]): void {
    for (const id of ids) this.inFlight.add(id);
    this.write();
  }

  /** These events' transaction has ended (committed or rolled back). */
  end(ids: readonly number[]): void {
    for (const id of ids) this.inFlight.delete(id);
    this.write();
  }

  /** Clean stop: nothing is in flight. */
  clear(): void {
    this.inFlight.clear();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.written = 0;
    if (this.disabled) return;
    try {
      rmSync(this.path, { force: true });
    } catch (error) {
      this.log.warn({ err: error, path: this.path }, 'could not remove the inbox journal');
    }
  }

  private write(): void {
    if (this.disabled) return;
    try {
      this.fd ??= openSync(this.path, 'w');
      const text = JSON.stringify([...this.inFlight]);
      writeSync(this.fd, text.padEnd(this.written), 0);
      this.written = Math.max(this.written, text.length);
    } catch (error) {
      this.disabled = true;
      this.log.warn({ err: error, path: this.path }, 'inbox journal cannot be written; events that crash the process will be retried without limit');
    }
  }
}

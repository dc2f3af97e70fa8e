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
 * Each process writes its own file, `<path>.<host>.<pid>`: two processes on one database (a second
 * service started by `npm run chat`, containers sharing a volume) never overwrite or delete each
 * other's. A start takes over only files of its own host (the only ones whose owner it can check) whose
 * process is gone, or that carry its own pid (a container's pid 1 after a restart). Containers on one
 * volume need distinct host names (the default: the container id). The file is written before a transaction's work and emptied after it ends (a few hundred
 * bytes, no fsync: it must survive the process, not the machine), in place through one open descriptor
 * (one positional write, padded with spaces over a longer previous text): writeFileSync's
 * open/write/close cost ~3 % of the service's CPU in a burst. A file removed behind its back is written
 * again. A file that cannot be written turns the journal off with one warning; the service keeps
 * running without it.
 */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Logger } from '../log.ts';

export interface LeftOver {
  ids: number[];
  /** Forget them once they are accounted for. */
  discard(): void;
}

export class CrashJournal {
  private disabled = false;
  private readonly inFlight = new Set<number>();
  private fd: number | undefined;
  /** Length of the text in the file: a shorter one is padded to cover it. */
  private written = 0;
  private readonly own: string;

  constructor(
    /** Files are `<path>.<host>.<pid>`. */
    readonly path: string,
    private readonly log: Logger,
    private readonly pid: number = process.pid,
    private readonly host: string = hostname(),
  ) {
    this.host = hostTag(host);
    this.own = journalFile(path, pid, host);
  }

  /** Events listed by processes that did not stop cleanly (none when there were none). */
  leftOver(): LeftOver {
    const files = this.filesOfGoneProcesses();
    const ids = new Set<number>();
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      try {
        const listed: unknown = JSON.parse(text || '[]');
        if (Array.isArray(listed)) for (const id of listed) if (Number.isSafeInteger(id)) ids.add(id as number);
      } catch {
        // Cut off mid-write by the crash: the events of that moment are unknown; they are retried normally.
        this.log.warn({ path: file }, 'unreadable inbox journal ignored');
      }
    }
    return {
      ids: [...ids],
      discard: () => {
        // Our own pid's file is written again at the next write (see `write`).
        for (const file of files) {
          try {
            rmSync(file, { force: true });
          } catch (error) {
            // A read-only or foreign file: it is read again at the next start (one more attempt counted).
            this.log.warn({ err: error, path: file }, 'could not remove an inbox journal left by a stopped process');
          }
        }
      },
    };
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
    this.close();
    if (this.disabled) return;
    try {
      rmSync(this.own, { force: true });
    } catch (error) {
      this.log.warn({ err: error, path: this.own }, 'could not remove the inbox journal');
    }
  }

  private filesOfGoneProcesses(): string[] {
    const dir = dirname(this.path);
    const prefix = `${basename(this.path)}.${this.host}.`;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names
      .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
      .filter((name) => {
        const pid = Number(name.slice(prefix.length));
        return pid === this.pid || !alive(pid);
      })
      .map((name) => join(dir, name));
  }

  private write(): void {
    if (this.disabled) return;
    try {
      // Removed behind our back (an operator, a tmp cleaner): write a new one.
      if (this.fd !== undefined && fstatSync(this.fd).nlink === 0) this.close();
      this.fd ??= openSync(this.own, 'w');
      const text = JSON.stringify([...this.inFlight]);
      writeSync(this.fd, text.padEnd(this.written), 0);
      this.written = Math.max(this.written, text.length);
    } catch (error) {
      this.disabled = true;
      this.log.warn({ err: error, path: this.own }, 'inbox journal cannot be written; events that crash the process will be retried without limit');
    }
  }

  private close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.written = 0;
  }
}

/** The file a process writes: `<path>.<host>.<pid>` (the host name with anything but letters, digits, `_`, `-` replaced). */
export function journalFile(path: string, pid: number, host: string = hostname()): string {
  return `${path}.${hostTag(host)}.${pid}`;
}

function hostTag(host: string): string {
  return host.replace(/[^A-Za-z0-9_-]/g, '_') || 'host';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

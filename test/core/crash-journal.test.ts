/**
 * The inbox's crash journal on its own: what a dead process left, files of live processes left alone,
 * a file cut off mid-write, a file removed behind its back, a path it cannot write.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CrashJournal } from '../../core/inbox/crash-journal.ts';
import type { Logger } from '../../core/log.ts';
import { deadPid } from '../support/processes.ts';

/** Files are per host; the tests pin one. */
const HOST = 'test-host';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function recordingLogger(): { log: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const log = { warn: (_obj: unknown, msg: string) => warnings.push(msg), error: () => {}, info: () => {}, debug: () => {}, child: () => log } as unknown as Logger;
  return { log, warnings };
}


describe('CrashJournal', () => {
  it('leaves the events in flight of a dead process for the next one, and nothing after a clean stop', () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const path = join(dir, 'j');
    const { log } = recordingLogger();
    const gone = deadPid();
    const first = new CrashJournal(path, log, gone, HOST);
    first.begin([1, 2, 3]);
    first.end([2]);
    first.begin([7]);
    const left = new CrashJournal(path, log, process.pid, HOST).leftOver();
    expect(left.ids.sort((a, b) => a - b)).toEqual([1, 3, 7]);
    left.discard();
    expect(readdirSync(dir)).toEqual([]);

    const second = new CrashJournal(path, log, gone, HOST);
    second.begin([9]);
    second.clear();
    expect(readdirSync(dir)).toEqual([]);
    expect(new CrashJournal(path, log, process.pid, HOST).leftOver().ids).toEqual([]);
  });

  it("leaves a live process's file alone", () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const path = join(dir, 'j');
    const { log } = recordingLogger();
    const running = new CrashJournal(path, log, process.ppid, HOST); // the test runner: alive
    running.begin([5]);
    const starting = new CrashJournal(path, log, deadPid(), HOST);
    const left = starting.leftOver();
    expect(left.ids).toEqual([]);
    left.discard();
    expect(existsSync(`${path}.${HOST}.${process.ppid}`)).toBe(true);
    starting.begin([6]);
    starting.clear();
    expect(existsSync(`${path}.${HOST}.${process.ppid}`)).toBe(true);
  });

  it("never takes another host's file (its process cannot be checked from here), even with a pid that is free here", () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const path = join(dir, 'j');
    const { log } = recordingLogger();
    const gone = deadPid();
    new CrashJournal(path, log, gone, 'replica-a').begin([3]);
    const left = new CrashJournal(path, log, gone, 'replica-b').leftOver();
    expect(left.ids).toEqual([]);
    left.discard();
    expect(new CrashJournal(path, log, process.pid, 'replica-a').leftOver().ids).toEqual([3]);
  });

  it('ignores a file cut off mid-write, with a warning', () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const path = join(dir, 'j');
    writeFileSync(`${path}.${HOST}.${deadPid()}`, '[12, 1');
    const { log, warnings } = recordingLogger();
    expect(new CrashJournal(path, log, process.pid, HOST).leftOver().ids).toEqual([]);
    expect(warnings).toEqual(['unreadable inbox journal ignored']);
  });

  it('writes its file again when it was removed behind its back', () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const path = join(dir, 'j');
    const { log } = recordingLogger();
    const gone = deadPid();
    const journal = new CrashJournal(path, log, gone, HOST);
    journal.begin([1]);
    rmSync(`${path}.${HOST}.${gone}`);
    journal.begin([42]);
    expect(new CrashJournal(path, log, process.pid, HOST).leftOver().ids.sort((a, b) => a - b)).toEqual([1, 42]);
  });

  it('turns itself off with one warning when the path cannot be written', () => {
    const { log, warnings } = recordingLogger();
    const journal = new CrashJournal('/nonexistent-dir/for/sure/journal', log);
    journal.begin([1]);
    journal.begin([2]);
    journal.end([1, 2]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot be written/);
    expect(journal.leftOver().ids).toEqual([]);
  });
});

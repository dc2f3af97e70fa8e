/** The inbox's crash journal on its own: what a dead process left, a file cut off mid-write, a path it cannot write. */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CrashJournal } from '../../core/inbox/crash-journal.ts';
import type { Logger } from '../../core/log.ts';

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
  it('leaves the events in flight for the next process, and nothing after a clean stop', () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const path = join(dir, 'j');
    const { log } = recordingLogger();
    const first = new CrashJournal(path, log);
    first.begin([1, 2, 3]);
    first.end([2]);
    first.begin([7]);
    expect(new CrashJournal(path, log).leftOver()).toEqual([1, 3, 7]);
    first.end([1, 3, 7]);
    expect(new CrashJournal(path, log).leftOver()).toEqual([]);
    first.begin([9]);
    first.clear();
    expect(existsSync(path)).toBe(false);
    expect(new CrashJournal(path, log).leftOver()).toEqual([]);
  });

  it('ignores a file cut off mid-write, with a warning', () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const path = join(dir, 'j');
    writeFileSync(path, '[12, 1');
    const { log, warnings } = recordingLogger();
    expect(new CrashJournal(path, log).leftOver()).toEqual([]);
    expect(warnings).toEqual(['unreadable inbox journal ignored']);
  });

  it('turns itself off with one warning when the path cannot be written', () => {
    const { log, warnings } = recordingLogger();
    const journal = new CrashJournal('/nonexistent-dir/for/sure/journal', log);
    journal.begin([1]);
    journal.begin([2]);
    journal.end([1, 2]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot be written/);
  });
});

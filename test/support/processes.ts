/** Helpers for tests that deal with process ids. */

/** A pid no process has right now (for files left by a "dead" process). */
export function deadPid(): number {
  for (let pid = 4_000_000; ; pid++) {
    try {
      process.kill(pid, 0);
    } catch {
      return pid;
    }
  }
}

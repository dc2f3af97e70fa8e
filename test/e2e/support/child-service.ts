/**
 * The service as `npm start` runs it (`bots/main.ts` under tsx), in a child process a test can SIGKILL.
 * The child gets only the environment we pass (plus PATH), runs in an empty directory (no `.env`), and
 * logs JSON at info level; we read its URL from the "frontline is running" line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

export interface ChildService {
  url: string;
  child: ChildProcess;
  /** The last lines of output, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hooks, no flush. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export async function spawnService(env: Record<string, string>, startTimeoutMs = 30_000): Promise<ChildService> {
  const cwd = mkdtempSync(join(tmpdir(), 'frontline-e2e-child-'));
  // Node itself with tsx's loader, not the `tsx` CLI: the CLI runs the script in a grandchild and cannot
  // relay SIGKILL, so killing it would leave the service running.
  const loader = pathToFileURL(join(repo, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, join(repo, 'bots/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => rmSync(cwd, { recursive: true, force: true }));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start in ${startTimeoutMs} ms:\n${lines.slice(-20).join('\n')}`)), startTimeoutMs);
    const onLine = (line: string) => {
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (!line.includes('frontline is running')) return;
      try {
        clearTimeout(timer);
        resolve(String((JSON.parse(line) as { url: string }).url));
      } catch (error) {
        reject(error as Error);
      }
    };
    let buffered = '';
    const feed = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      parts.forEach(onLine);
    };
    child.stdout!.on('data', feed);
    child.stderr!.on('data', feed);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`service exited during start-up:\n${lines.slice(-20).join('\n')}`));
    });
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    url,
    child,
    output: () => lines.slice(-30).join('\n'),
    async kill() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

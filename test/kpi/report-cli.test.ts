/** The report CLI as a user runs it: a child process against a seeded SQLite file named by DATABASE_URL. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/store/database.ts';
import { seedKpiTickets } from './seed.ts';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');

async function report(args: string[], url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'core/kpi/report-main.ts', ...args], { cwd: repo, env: { ...process.env, DATABASE_URL: url } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run report', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontline-report-'));
    url = `file:${join(dir, 'report.db')}`;
    const db = await openDatabase({ url });
    await seedKpiTickets(db.prisma);
    await db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the report as JSON', async () => {
    const result = await report(['--from', '2026-01-01', '--to', '2026-02-01', '--json'], url);
    expect(result.code).toBe(0);
    const { kpis, recurring, gaps } = JSON.parse(result.stdout);
    expect(kpis.period).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' });
    expect(kpis.volume.total).toBe(10);
    expect(kpis.selfServiceDeflection).toEqual({ count: 2, of: 10, rate: 0.2 });
    expect(kpis.firstContactResolution.rate).toBe(0.6667);
    expect(kpis.csat.average).toBe(3.8);
    expect(recurring.categories.byVolume[0].key).toBe('network');
    expect(gaps.gaps[0]).toMatchObject({ question: 'vpn keeps disconnecting', count: 2 });
  }, 60_000);

  it('narrows by channel and prints a readable table without --json', async () => {
    const result = await report(['--from', '2026-01-01', '--to', '2026-02-01', '--channel', 'telegram'], url);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/KPI report: tickets created 2026-01-01T00:00:00.000Z .. 2026-02-01T00:00:00.000Z \(channel=telegram\)/);
    expect(result.stdout).toMatch(/Tickets\s+5\n/);
    expect(result.stdout).toMatch(/Self-service deflection\s+20\.0% \(1\/5\)/);
  }, 60_000);

  it('rejects a bad date with a clear message and exit code 2', async () => {
    const result = await report(['--from', '2026-13-01', '--to', '2026-02-01'], url);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"from" must be a date like 2026-01-31/);
    const inverted = await report(['--from', '2026-02-01', '--to', '2026-01-01'], url);
    expect(inverted.code).toBe(2);
    expect(inverted.stderr).toMatch(/"to" must be later than "from"/);
  }, 60_000);
});

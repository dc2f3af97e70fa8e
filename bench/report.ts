/** Result of one bench run: the keys of `--json`, then details. */
export interface BenchResult {
  messages: number;
  users: number;
  throughputPerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerMessage: number;
  peakRssMb: number;
  stored: number;
  tickets: number;
  replies: number;
  lost: number;
  duplicated: number;
  kills: number;
  details: {
    mode: string;
    database: string;
    instances: number;
    rate: number;
    seconds: number;
    confirmed: number;
    usersAnswered: number;
    inboxByStatus: Record<string, number>;
    outboxSent: number;
    outboxDead: number;
    /** sendMessage calls beyond one per sent outbox row: repeats of sends in flight at a kill, or retries after a lost answer. */
    resent: number;
    inboundWithoutTicket: number;
    telegram429: number;
    webhookRetries: number;
    /** Updates whose turn sent a reply (p50Ms/p99Ms are over these). */
    answeredTurns: number;
    /** Turns that replied nothing (the chat was with a person); their arrival -> processed p99. */
    silentTurns: number;
    silentP99Ms: number;
    /** Updates without a processed turn, or whose reply the fake API did not see. */
    unmatchedTurns: number;
    cpuMs: number;
    complete: boolean;
    notes: string[];
  };
}

export function printTable(r: BenchResult): void {
  const rows: Array<[string, string]> = [
    ['mode', `${r.details.mode}, ${r.details.database}, ${r.details.instances} instance(s), ${r.details.rate ? `${r.details.rate} msg/s` : 'burst'}`],
    ['messages / users', `${r.messages} / ${r.users}`],
    ['throughput', `${r.throughputPerSec.toFixed(0)} msg/s (${r.details.seconds.toFixed(2)} s)`],
    ['latency p50 / p99', `${r.p50Ms.toFixed(0)} ms / ${r.p99Ms.toFixed(0)} ms (${r.details.answeredTurns} answered updates)`],
    ['silent turns', `${r.details.silentTurns} (processed p99 ${r.details.silentP99Ms.toFixed(0)} ms), unmatched ${r.details.unmatchedTurns}`],
    ['CPU per message', `${r.cpuMsPerMessage.toFixed(2)} ms (${(r.details.cpuMs / 1000).toFixed(1)} s total)`],
    ['peak RSS', `${r.peakRssMb.toFixed(0)} MB`],
    ['stored / confirmed', `${r.stored} / ${r.details.confirmed}`],
    ['tickets', String(r.tickets)],
    ['replies (sendMessage)', `${r.replies} (outbox sent ${r.details.outboxSent}, dead ${r.details.outboxDead}, resent ${r.details.resent})`],
    ['users answered', `${r.details.usersAnswered} / ${r.users}`],
    ['lost', String(r.lost)],
    ['duplicated', String(r.duplicated)],
    ['kills', String(r.kills)],
    ['inbox', JSON.stringify(r.details.inboxByStatus)],
    ['429 from fake API', String(r.details.telegram429)],
  ];
  if (r.details.webhookRetries) rows.push(['webhook retries', String(r.details.webhookRetries)]);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [key, value] of rows) console.log(`${key.padEnd(width)}  ${value}`);
  for (const note of r.details.notes) console.log(`note: ${note}`);
  if (!r.details.complete) console.log('INCOMPLETE: the backlog did not drain before --timeout');
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

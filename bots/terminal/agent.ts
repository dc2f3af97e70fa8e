/**
 * `npm run agent -- <command>`: work the queue from a terminal through the REST API.
 *   queue                         tickets waiting for an agent
 *   list [--status S]             recent tickets
 *   show FL-00001                 a ticket with its history and transcript
 *   take FL-00001                 become the owner
 *   reply FL-00001 "text"         message the requester on their own channel
 *   note FL-00001 "text"          internal note (never sent to the requester)
 *   resolve FL-00001 ["text"]     resolve (the requester is asked for a rating)
 *   release FL-00001              back to the queue
 *   priority FL-00001 P2 | category FL-00001 network
 * Options: --as NAME (agent name; default $FRONTLINE_AGENT or $USER), --url URL.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { ApiClient, ApiError } from './api-client.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { as: { type: 'string' }, url: { type: 'string' }, status: { type: 'string' } },
});
const agent = { name: values.as ?? process.env.FRONTLINE_AGENT ?? process.env.USER ?? 'agent' };
const api = new ApiClient(values.url ?? process.env.FRONTLINE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`, process.env.API_TOKEN);

interface TicketRow {
  number: string;
  status: string;
  priority: string;
  category: string;
  subject: string;
  createdAt: string;
}

const line = (t: TicketRow) => `${t.number}  ${t.priority}  ${t.status.padEnd(24)} ${t.category.padEnd(10)} ${t.subject}`;

async function run(): Promise<void> {
  const [command, ref, ...rest] = positionals;
  const text = rest.join(' ');
  const act = (body: Record<string, unknown>) => api.request<{ ticket: TicketRow }>('POST', `/api/tickets/${encodeURIComponent(ref ?? '')}/actions`, { agent, ...body });
  switch (command) {
    case 'queue': {
      const { tickets } = await api.request<{ tickets: TicketRow[] }>('GET', '/api/queue');
      console.log(tickets.length ? tickets.map(line).join('\n') : 'The queue is empty.');
      return;
    }
    case 'list': {
      const { tickets } = await api.request<{ tickets: TicketRow[] }>('GET', `/api/tickets${values.status ? `?status=${encodeURIComponent(values.status)}` : ''}`);
      console.log(tickets.map(line).join('\n') || 'No tickets.');
      return;
    }
    case 'show': {
      const data = await api.request<{ ticket: TicketRow; events: Array<{ type: string; actorKind: string; createdAt: string; toStatus: string | null }>; transcript: Array<{ authorKind: string; internal: boolean; text: string; createdAt: string }> }>('GET', `/api/tickets/${encodeURIComponent(ref ?? '')}`);
      console.log(line(data.ticket), '\n\nTranscript:');
      for (const m of data.transcript) console.log(`  ${m.createdAt.slice(11, 19)} ${m.internal ? 'note ' : ''}${m.authorKind}: ${m.text.replace(/\n/g, '\n      ')}`);
      console.log('\nHistory:');
      for (const e of data.events) console.log(`  ${e.createdAt.slice(11, 19)} ${e.type} by ${e.actorKind}${e.toStatus ? ` -> ${e.toStatus}` : ''}`);
      return;
    }
    case 'take':
    case 'release':
      console.log(line((await act({ type: command })).ticket));
      return;
    case 'reply':
    case 'note':
      console.log(line((await act({ type: command, text })).ticket));
      return;
    case 'resolve':
      console.log(line((await act({ type: 'resolve', ...(text ? { text } : {}) })).ticket));
      return;
    case 'priority':
      console.log(line((await act({ type: 'set_priority', priority: rest[0] })).ticket));
      return;
    case 'category':
      console.log(line((await act({ type: 'set_category', category: rest[0] })).ticket));
      return;
    default:
      console.error('usage: npm run agent -- queue | list | show|take|release|resolve REF | reply|note REF "text" | priority REF P1-P4 | category REF NAME  [--as NAME]');
      process.exit(2);
  }
}

run().catch((error: unknown) => {
  if (error instanceof ApiError) console.error(`agent: ${error.code}: ${error.message}`);
  else console.error(`agent: ${error instanceof Error ? error.message : String(error)} (is the service running? npm start)`);
  process.exit(1);
});

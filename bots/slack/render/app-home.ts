/**
 * The App Home tab: the user's open tickets first, then recently closed ones, with status, priority and
 * SLA due time. Ticket data comes from the core; this only renders it.
 */
import type { types } from '@slack/bolt';
import type { Language } from '../../../core/model/messages.ts';
import { labels } from './labels.ts';
import { escapeMrkdwn, mrkdwn, plainToMrkdwn, slackDate, truncate, type Block } from './mrkdwn.ts';

export interface AppHomeTicket {
  number: string;
  subject: string;
  status: string;
  priority: string;
  /** ISO time or Date. */
  updatedAt: string | Date;
  resolutionDue?: string | Date;
}

export type HomeView = types.HomeView;

const CLOSED = new Set(['resolved', 'closed', 'resolved_by_self_service']);
/** Home views hold at most 100 blocks; each ticket takes one. */
const MAX_TICKETS_PER_GROUP = 40;

const iso = (value: string | Date | undefined): string | undefined => (value instanceof Date ? value.toISOString() : value);

function ticketBlock(t: AppHomeTicket, language: Language): Block {
  const l = labels(language);
  const closed = CLOSED.has(t.status);
  const due = !closed && t.resolutionDue ? ` · ${l.due} ${slackDate(iso(t.resolutionDue))}` : '';
  const line2 = `${l.status}: ${escapeMrkdwn(t.status)} · ${escapeMrkdwn(t.priority)} · ${l.updated} ${slackDate(iso(t.updatedAt))}${due}`;
  return { type: 'section', text: mrkdwn(`*${escapeMrkdwn(t.number)}* ${plainToMrkdwn(truncate(t.subject, 300))}\n${line2}`) };
}

function newestFirst(a: AppHomeTicket, b: AppHomeTicket): number {
  return Date.parse(iso(b.updatedAt) ?? '') - Date.parse(iso(a.updatedAt) ?? '');
}

/** @example await publishAppHome(client, 'U123', renderAppHome(await tickets.listForRequester(...), 'en')) */
export function renderAppHome(tickets: readonly AppHomeTicket[], language: Language): HomeView {
  const l = labels(language);
  const open = tickets.filter((t) => !CLOSED.has(t.status)).sort(newestFirst).slice(0, MAX_TICKETS_PER_GROUP);
  const closed = tickets.filter((t) => CLOSED.has(t.status)).sort(newestFirst).slice(0, MAX_TICKETS_PER_GROUP);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: l.homeTitle } },
    { type: 'context', elements: [mrkdwn(escapeMrkdwn(l.homeHint))] },
  ];
  if (tickets.length === 0) blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(l.homeEmpty)) });
  if (open.length > 0) {
    blocks.push({ type: 'divider' }, { type: 'section', text: mrkdwn(`*${l.homeOpen}*`) });
    blocks.push(...open.map((t) => ticketBlock(t, language)));
  }
  if (closed.length > 0) {
    blocks.push({ type: 'divider' }, { type: 'section', text: mrkdwn(`*${l.homeRecent}*`) });
    blocks.push(...closed.map((t) => ticketBlock(t, language)));
  }
  return { type: 'home', blocks };
}

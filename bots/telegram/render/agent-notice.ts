/**
 * Agent notices -> posts in the agents' group. The escalation card is one message (its buttons must
 * sit on it), so it is shortened to fit rather than split; other notices may run over several parts.
 */
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { AgentNotice, TicketCard } from '../../../core/model/delivery.ts';
import { encodeAgentButton } from '../agent-buttons.ts';
import { renderRuns, type RenderedMessage } from './message.ts';
import { plainLength, type Run } from './rich-text.ts';
import { TELEGRAM_TEXT_LIMIT } from './split.ts';

const TOPIC_NAME_MAX = 128;
const TRANSCRIPT_ENTRY_MAX = 600;

export function renderAgentNotice(notice: AgentNotice): RenderedMessage {
  switch (notice.kind) {
    case 'ticket_escalated':
      return renderTicketCard(notice.card, `Escalated: ${notice.reason}`);
    case 'ticket_updated':
      return renderRuns([...headline(notice.card), { text: `\n${notice.change}` }, ...statusLine(notice.card)]);
    case 'requester_message':
      return renderRuns([
        { text: notice.card.requesterName || 'Requester', style: 'b' },
        { text: `: ${notice.text}` },
        ...(notice.attachments ? [{ text: `\n📎 ${notice.attachments} attachment(s)`, style: 'i' as const }] : []),
      ]);
    case 'sla_alert':
      return renderRuns([
        { text: notice.level === 'breached' ? '⛔ SLA breached' : '⚠️ SLA warning', style: 'b' },
        { text: ` (${notice.target.replace('_', ' ')}) ` },
        ...headline(notice.card),
        { text: `\n${dueLine(notice.card)}` },
      ]);
    case 'lead_alert':
      return renderRuns([{ text: '📣 ', style: 'b' }, ...headline(notice.card), { text: `\n${notice.text}` }]);
  }
}

/** The escalation post: ticket facts, transcript so far, the article tried; Take / Resolve buttons. */
export function renderTicketCard(card: TicketCard, reason?: string): RenderedMessage {
  const keyboard: InlineKeyboardMarkup = {
    inline_keyboard: [
      [
        { text: 'Take', callback_data: encodeAgentButton('take', card.ticketId) },
        { text: 'Resolve', callback_data: encodeAgentButton('resolve', card.ticketId) },
      ],
    ],
  };
  let transcript = card.transcript.map((entry) => ({ ...entry, text: clip(entry.text, TRANSCRIPT_ENTRY_MAX) }));
  let runs = cardRuns(card, reason, transcript);
  while (plainLength(runs) > TELEGRAM_TEXT_LIMIT && transcript.length > 0) {
    transcript = transcript.slice(1);
    runs = cardRuns(card, reason, transcript, true);
  }
  if (plainLength(runs) > TELEGRAM_TEXT_LIMIT) runs = [{ text: clip(runs.map((r) => r.text).join(''), TELEGRAM_TEXT_LIMIT) }];
  return renderRuns(runs, keyboard);
}

/** Forum topic title: number and subject, at most 128 characters. */
export function topicName(card: TicketCard): string {
  return clip(`${card.number} ${card.subject}`.replace(/\s+/g, ' ').trim(), TOPIC_NAME_MAX) || card.number;
}

function cardRuns(card: TicketCard, reason: string | undefined, transcript: TicketCard['transcript'], shortened = false): Run[] {
  const runs: Run[] = [...headline(card), ...statusLine(card)];
  runs.push({ text: `\nRequester: ${card.requesterName} (${card.requesterChannel}, ${card.language})` });
  runs.push({ text: `\nCategory: ${card.category} · Type: ${card.type} · Priority: ${card.priority}` });
  runs.push({ text: `\n${dueLine(card)}` });
  if (card.slaAlert) runs.push({ text: `\nSLA ${card.slaAlert}`, style: 'b' });
  if (reason) runs.push({ text: `\n${reason}` });
  if (card.triedArticle) runs.push({ text: `\nArticle tried: ${card.triedArticle.title} (${card.triedArticle.key})` });
  if (transcript.length || shortened) runs.push({ text: shortened ? '\n\nTranscript (latest):' : '\n\nTranscript:', style: 'b' });
  for (const entry of transcript) {
    runs.push({ text: `\n${entry.from} ${shortTime(entry.at)}`, style: 'i' }, { text: `: ${entry.text}` });
  }
  return runs;
}

function headline(card: TicketCard): Run[] {
  return [{ text: `🎫 ${card.number}`, style: 'b' }, { text: ` ${card.subject}` }];
}

function statusLine(card: TicketCard): Run[] {
  return [{ text: `\nStatus: ${card.status}${card.assigneeName ? ` · Owner: ${card.assigneeName}` : ''}` }];
}

function dueLine(card: TicketCard): string {
  return `First response due: ${shortTime(card.firstResponseDue) || '—'} · Resolution due: ${shortTime(card.resolutionDue) || '—'}`;
}

/** `2024-05-01T10:00:00.000Z` -> `2024-05-01 10:00 UTC`; unparseable text is shown as is. */
function shortTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

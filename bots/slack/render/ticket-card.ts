/**
 * TicketCard -> the triage post agents work from: facts, SLA due times, the conversation so far, and
 * the controls (Take/Release, Resolve, priority and category selects). The actions block's id carries
 * the ticket id so the selects can name the ticket.
 */
import type { AgentNotice, TicketCard } from '../../../core/model/delivery.ts';
import type { Language } from '../../../core/model/messages.ts';
import { PRIORITIES } from '../../../knowledge/types.ts';
import { ACTION, TICKET_BLOCK_PREFIX } from '../normalise/outcome.ts';
import { labels, type Labels } from './labels.ts';
import { SECTION_TEXT_LIMIT, escapeMrkdwn, fallbackText, mrkdwn, plainToMrkdwn, slackDate, textSections, truncate, type Block } from './mrkdwn.ts';
import type { SlackMessageContent } from './reply.ts';

export interface TriageRenderOptions {
  categories: readonly string[];
  notePrefix: string;
  /** Language of the agents' surface. */
  language?: Language;
  /** Shown on the escalation post only. */
  reason?: string;
}

const CLOSED = new Set(['resolved', 'closed', 'resolved_by_self_service']);
const TRANSCRIPT_ENTRIES = 10;

function option(value: string) {
  return { text: { type: 'plain_text' as const, text: truncate(value, 75) }, value };
}

function factsBlock(card: TicketCard, l: Labels): Block {
  const field = (name: string, value: string) => mrkdwn(`*${name}*\n${value}`);
  return {
    type: 'section',
    fields: [
      field(l.status, escapeMrkdwn(card.status)),
      field(l.priority, escapeMrkdwn(card.priority)),
      field(l.category, escapeMrkdwn(card.category)),
      field(l.type, escapeMrkdwn(card.type)),
      field(l.requester, `${plainToMrkdwn(truncate(card.requesterName, 200))} (${card.requesterChannel})`),
      field(l.takenBy, card.assigneeName ? plainToMrkdwn(truncate(card.assigneeName, 200)) : `_${l.nobody}_`),
      field(l.firstResponseDue, slackDate(card.firstResponseDue)),
      field(l.resolutionDue, slackDate(card.resolutionDue)),
    ],
  };
}

function transcriptBlock(card: TicketCard, l: Labels): Block | undefined {
  const lines = card.transcript
    .slice(-TRANSCRIPT_ENTRIES)
    .map((m) => `*${l.from[m.from]}* ${slackDate(m.at)}\n${plainToMrkdwn(truncate(m.text, 400))}`);
  while (lines.length > 0 && `*${l.transcript}*\n${lines.join('\n')}`.length > SECTION_TEXT_LIMIT) lines.shift();
  if (lines.length === 0) return undefined;
  return { type: 'section', text: mrkdwn(`*${l.transcript}*\n${lines.join('\n')}`) };
}

function controls(card: TicketCard, o: TriageRenderOptions, l: Labels): Block {
  const categories = o.categories.includes(card.category) ? o.categories : [...o.categories, card.category];
  const priorities: readonly string[] = PRIORITIES;
  return {
    type: 'actions',
    block_id: `${TICKET_BLOCK_PREFIX}${card.ticketId}`,
    elements: [
      card.assigneeName
        ? { type: 'button', action_id: ACTION.release, text: { type: 'plain_text', text: l.release }, value: card.ticketId }
        : { type: 'button', action_id: ACTION.take, style: 'primary', text: { type: 'plain_text', text: l.take }, value: card.ticketId },
      {
        type: 'button',
        action_id: ACTION.resolve,
        style: 'danger',
        text: { type: 'plain_text', text: l.resolve },
        value: card.ticketId,
        confirm: {
          title: { type: 'plain_text', text: l.resolve },
          text: { type: 'plain_text', text: l.resolveConfirm },
          confirm: { type: 'plain_text', text: l.confirm },
          deny: { type: 'plain_text', text: l.cancel },
        },
      },
      {
        type: 'static_select',
        action_id: ACTION.priority,
        placeholder: { type: 'plain_text', text: l.choosePriority },
        options: priorities.map(option),
        ...(priorities.includes(card.priority) && { initial_option: option(card.priority) }),
      },
      {
        type: 'static_select',
        action_id: ACTION.category,
        placeholder: { type: 'plain_text', text: l.chooseCategory },
        options: categories.slice(0, 100).map(option),
        initial_option: option(card.category),
      },
    ],
  };
}

/** The root post of a ticket in the triage channel (posted on escalation, `chat.update`d afterwards). */
export function renderTicketCard(card: TicketCard, o: TriageRenderOptions): SlackMessageContent {
  const l = labels(o.language ?? 'en');
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(`${card.number} · ${card.subject}`, 150), emoji: false } }];
  if (card.slaAlert) {
    const text = card.slaAlert === 'breached' ? `:rotating_light: *${l.slaBreached}*` : `:warning: *${l.slaWarning}*`;
    blocks.push({ type: 'context', elements: [mrkdwn(text)] });
  }
  if (o.reason) blocks.push({ type: 'context', elements: [mrkdwn(`*${l.escalated}:* ${plainToMrkdwn(truncate(o.reason, 2000))}`)] });
  blocks.push(factsBlock(card, l));
  if (card.triedArticle) {
    const article = `*${l.articleTried}:* ${plainToMrkdwn(truncate(card.triedArticle.title, 500))} (\`${escapeMrkdwn(card.triedArticle.key)}\`)`;
    blocks.push({ type: 'context', elements: [mrkdwn(article)] });
  }
  const transcript = transcriptBlock(card, l);
  if (transcript) blocks.push(transcript);
  if (!CLOSED.has(card.status)) blocks.push(controls(card, o, l));
  blocks.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(l.threadHint(o.notePrefix)))] });
  const text = fallbackText(`${card.number} [${card.priority}] ${card.subject} (${card.status})`);
  return { text, blocks };
}

/** A thread message under the ticket's post (a first escalation is the post itself; a repeated one is noted here). */
export function renderThreadNotice(notice: AgentNotice, language: Language = 'en'): SlackMessageContent {
  const l = labels(language);
  let plain: string;
  let prefix = '';
  switch (notice.kind) {
    case 'requester_message':
      prefix = `*${plainToMrkdwn(truncate(notice.card.requesterName, 200)) || l.requesterWrote}:* `;
      plain = notice.attachments ? `${notice.text} ${l.attachments(notice.attachments)}` : notice.text;
      break;
    case 'ticket_updated':
      plain = notice.change;
      break;
    case 'ticket_escalated':
      prefix = ':arrow_up: ';
      plain = `${l.escalated}: ${notice.reason}`;
      break;
    case 'sla_alert':
      prefix = notice.level === 'breached' ? ':rotating_light: ' : ':warning: ';
      plain = `${notice.level === 'breached' ? l.slaBreached : l.slaWarning}: ${notice.target.replace('_', ' ')}`;
      break;
    case 'lead_alert':
      prefix = ':bell: ';
      plain = notice.text;
      break;
  }
  // Text sections use Slack's full 3,000 characters; the prefix (who wrote, an icon) joins the first one
  // when it fits, else gets a block of its own: 20,000 characters of escaped text still fit in 49 sections.
  const sections = textSections(plain || ' ', prefix ? 49 : 50, SECTION_TEXT_LIMIT);
  const first = sections[0];
  if (!prefix || !first || first.type !== 'section' || !first.text) return { text: fallbackText(plain), blocks: sections };
  if (prefix.length + first.text.text.length <= SECTION_TEXT_LIMIT) {
    first.text = mrkdwn(prefix + first.text.text);
    return { text: fallbackText(plain), blocks: sections };
  }
  return { text: fallbackText(plain), blocks: [{ type: 'section' as const, text: mrkdwn(prefix.trim()) }, ...sections] };
}

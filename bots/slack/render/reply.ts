/**
 * OutboundReply -> chat.postMessage content: an emphasised title, the text in sections of at most 3,000
 * characters, and one actions block per button row (value = the core's payload).
 */
import type { OutboundReply, ReplyButton } from '../../../core/model/messages.ts';
import { ACTION } from '../normalise/outcome.ts';
import { MESSAGE_BLOCK_LIMIT, fallbackText, mrkdwn, plainToMrkdwn, textSections, truncate, type Block } from './mrkdwn.ts';

export interface SlackMessageContent {
  /** Escaped mrkdwn fallback (notifications, screen readers). */
  text: string;
  blocks: Block[];
}

/** Slack allows 25 elements per actions block and 75 characters per button label. */
const BUTTONS_PER_BLOCK = 25;

function buttonRow(row: readonly ReplyButton[], r: number): Block {
  return {
    type: 'actions',
    block_id: `fl_choices_${r}`,
    elements: row.slice(0, BUTTONS_PER_BLOCK).map((button, c) => ({
      type: 'button' as const,
      action_id: `${ACTION.choice}_${r}_${c}`,
      text: { type: 'plain_text' as const, text: truncate(button.label, 75) || '…', emoji: true },
      value: button.payload,
    })),
  };
}

export function renderReply(reply: OutboundReply): SlackMessageContent {
  const head: Block[] = reply.title ? [{ type: 'section', text: mrkdwn(`*${plainToMrkdwn(truncate(reply.title, 2900))}*`) }] : [];
  const rows = (reply.buttons ?? []).filter((row) => row.length > 0).map(buttonRow).slice(0, 10);
  const room = MESSAGE_BLOCK_LIMIT - head.length - rows.length;
  const body = reply.text.trim() === '' ? [] : textSections(reply.text, room);
  const summary = [reply.title, reply.text].filter(Boolean).join(': ');
  return { text: fallbackText(summary), blocks: [...head, ...body, ...rows] };
}

/**
 * L0 self-service: search the knowledge base and answer when confident; offer a choice when the two best
 * answers are too close to call; otherwise hand off.
 */
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import type { Article } from '../../knowledge/types.ts';
import type { OutboundReply } from '../model/messages.ts';
import { changeStatus } from '../tickets/change-status.ts';
import { formatTicketNumber } from '../model/ticket.ts';
import { encodeButton } from './buttons.ts';
import { stageConversation } from './conversation-state.ts';
import { escalate } from './handoff.ts';
import { say, type Turn } from './turn.ts';

const CHOICES = 3;

export async function answerOrEscalate(turn: Turn, ticket: Ticket, text: string): Promise<void> {
  const { kb, config } = turn.deps;
  const result = kb.search(text.slice(0, config.searchTextLimit), { language: turn.language, limit: CHOICES });
  const best = result.hits[0];
  if (!best || !result.confident) {
    await escalate(turn, ticket, 'no_confident_answer');
    return;
  }
  if (result.ambiguous && result.hits.length > 1) {
    await offerChoice(turn, ticket, result.hits.map((hit) => hit.articleKey));
    return;
  }
  await showArticle(turn, ticket, best.articleKey, best.confidence);
}

/** The article in the requester's language when a twin exists. */
export function localised(turn: Turn, key: string): Article | undefined {
  const article = turn.deps.kb.article(key);
  if (!article || article.language === turn.language) return article;
  return turn.deps.kb.article(`${turn.language}/${article.id}`) ?? article;
}

export async function showArticle(turn: Turn, ticket: Ticket, articleKey: string, confidence: number): Promise<void> {
  const article = localised(turn, articleKey);
  if (!article) {
    await escalate(turn, ticket, 'no_confident_answer');
    return;
  }
  await changeStatus(turn.tx, ticket, {
    to: 'answered_by_bot',
    actor: { kind: 'bot' },
    at: turn.now,
    event: 'answered_by_bot',
    data: { articleKey: article.key, confidence: Number(confidence.toFixed(4)) },
    set: { articleKey: article.key },
  }, turn.deps.sla.pausedWorkingMs);
  stageConversation(turn, { state: 'awaiting_feedback', data: { ticketId: ticket.id, articleKey: article.key }, activeTicketId: ticket.id });
  say(turn, articleReply(turn, ticket, article), ticket.id);
}

function articleReply(turn: Turn, ticket: Ticket, article: Article): OutboundReply {
  const t = turn.texts;
  const number = formatTicketNumber(ticket.number, turn.deps.config.ticketPrefix);
  return {
    title: article.title,
    text: `${t.articleIntro(number)}\n\n${article.body.trim()}\n\n${t.didItHelp}`,
    buttons: [
      [
        { label: t.helped, payload: encodeButton({ kind: 'feedback', ticketId: ticket.id, value: 'helped' }) },
        { label: t.notHelped, payload: encodeButton({ kind: 'feedback', ticketId: ticket.id, value: 'not_helped' }) },
      ],
      [{ label: t.talkToPerson, payload: encodeButton({ kind: 'feedback', ticketId: ticket.id, value: 'human' }) }],
    ],
  };
}

async function offerChoice(turn: Turn, ticket: Ticket, keys: string[]): Promise<void> {
  const articles = keys.map((key) => localised(turn, key)).filter((a): a is Article => Boolean(a));
  const unique = articles.filter((a, i) => articles.findIndex((b) => b.key === a.key) === i);
  stageConversation(turn, {
    state: 'awaiting_choice',
    data: { ticketId: ticket.id, options: unique.map((a) => a.key) },
    activeTicketId: ticket.id,
  });
  say(
    turn,
    {
      text: turn.texts.whichOne,
      buttons: [
        ...unique.map((a, index) => [{ label: a.title.slice(0, 60), payload: encodeButton({ kind: 'pick', ticketId: ticket.id, index }) }]),
        [{ label: turn.texts.noneOfThese, payload: encodeButton({ kind: 'pick', ticketId: ticket.id, index: 'none' }) }],
      ],
    },
    ticket.id,
  );
}

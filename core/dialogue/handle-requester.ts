/**
 * The dialogue core's entry point for a requester's message. Channel-neutral: the message is already
 * stored in the inbox; this runs inside the processing transaction and only collects replies and agent
 * notices (written to the outbox by the caller).
 */
import { findTicket } from '../tickets/find-ticket.ts';
import type { KnowledgeService } from '../../knowledge/types.ts';
import type { Language } from '../model/messages.ts';
import type { Turn } from './turn.ts';
import { say } from './turn.ts';
import { feedbackFromText, isThanks, parseCommand, parseRating, wantsHuman } from './intents.ts';
import { handleButton, applyFeedback } from './feedback.ts';
import { handleCommand, askForHuman } from './commands.ts';
import { readState, stageConversation } from './conversation-state.ts';
import { relayToAgents } from './handoff.ts';
import { recordCsat } from './csat.ts';
import { handleRequest, reopen, reopenableTicket } from './requests.ts';

export async function handleRequesterMessage(turn: Turn): Promise<void> {
  const { message, conversation } = turn;
  const text = message.text.trim();
  if (turn.firstContact && !message.action) say(turn, turn.texts.greeting);

  if (message.action) return handleButton(turn, message.action.payload);
  const command = parseCommand(text);
  if (command) return handleCommand(turn, command);

  if (conversation.owner !== 'bot') return relayActive(turn);
  // Typed answers and requests are recognised as meant: "yt gjvjukj" on the English layout is "не помогло".
  const meant = turn.deps.kb.readAs(text);
  if (await handledAsAnswer(turn, meant)) return;

  if (!text) {
    say(turn, message.attachments?.length && conversation.activeTicketId ? turn.texts.attachmentSaved : turn.texts.askDescribe);
    return;
  }
  const reopenable = await reopenableTicket(turn);
  if (reopenable) {
    if (isThanks(meant)) return say(turn, turn.texts.welcome);
    await reopen(turn, reopenable);
    return;
  }
  if (isThanks(meant) && !conversation.activeTicketId) return say(turn, turn.texts.welcome);
  if (wantsHuman(meant)) return askForHuman(turn);
  await handleRequest(turn, text);
}

/** Typed answers to what the bot is waiting for: a rating, or "helped"/"didn't help" on an article. */
async function handledAsAnswer(turn: Turn, text: string): Promise<boolean> {
  const { state, data } = readState(turn.conversation);
  const ticket = data.ticketId ? await findTicket(turn.tx, data.ticketId) : null;
  if (state === 'awaiting_csat') {
    const rating = parseRating(text);
    if (ticket && rating !== undefined) {
      await recordCsat(turn, ticket, rating);
      return true;
    }
    // Anything else moves on: the rating was asked once and is not asked again.
    stageConversation(turn, { state: 'idle', data: {} });
    return false;
  }
  if (state === 'awaiting_feedback' && ticket) {
    const feedback = feedbackFromText(text) ?? (isThanks(text) ? 'helped' : undefined);
    if (feedback) {
      await applyFeedback(turn, ticket, feedback);
      return true;
    }
  }
  return false;
}

/** A human owns the conversation: relay, never answer. */
async function relayActive(turn: Turn): Promise<void> {
  const id = turn.conversation.activeTicketId;
  const ticket = id ? await findTicket(turn.tx, id) : null;
  if (!ticket) {
    // Ownership without a ticket cannot happen through the state machine; recover by handing back to the bot.
    stageConversation(turn, { owner: 'bot', ownerAgentId: null });
    return handleRequesterMessage({ ...turn, firstContact: false });
  }
  await relayToAgents(turn, ticket);
}

/**
 * The reply language: the detected language of this message when the engine is sure (longer texts), else
 * the conversation's, else the platform's hint.
 */
export function chooseLanguage(kb: KnowledgeService, text: string, conversationLanguage: string | undefined, hint: string | undefined): Language {
  const fallback: Language = conversationLanguage === 'ru' || conversationLanguage === 'en' ? conversationLanguage : hint?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
  if (!text.trim() || text.startsWith('/')) return fallback;
  if (/[а-яё]/i.test(text) && !/[a-z]/i.test(text)) return 'ru';
  const { language, confidence } = kb.detectLanguage(text.slice(0, 500));
  return confidence >= 0.8 ? language : fallback;
}

/**
 * The adapter both ways on loopback, with the test standing in for the core: what the sender links for a
 * ticket is exactly what the normaliser names when agents act in that topic or thread.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentCommand } from '../../core/model/intake.ts';
import { createTelegramBot, type TelegramBot } from '../../bots/telegram/bot.ts';
import { loadTelegramConfig } from '../../bots/telegram/config.ts';
import { AGENT_SURFACE } from '../../bots/telegram/normalise/options.ts';
import { buttonPress, groupChat, replyToPost, startFakeTelegramApi, topicMessage, user, type FakeTelegramApi } from '../fakes/telegram-api/index.ts';
import { CaptureLogger } from './support/capture-logger.ts';
import { MemoryIntake } from './support/memory-intake.ts';
import { MemoryLinks } from './support/memory-send-context.ts';

const card = {
  ticketId: 'tk_42',
  number: 'FL-000042',
  subject: 'Cannot log in',
  status: 'escalated',
  priority: 'high',
  category: 'access',
  type: 'incident',
  language: 'en' as const,
  requesterName: 'Carol',
  requesterChannel: 'telegram' as const,
  transcript: [],
};
const agent = user(9001, { first_name: 'Ann' });

let tg: FakeTelegramApi | undefined;
let bot: TelegramBot | undefined;
afterEach(async () => {
  await bot?.stop();
  await tg?.close();
  tg = bot = undefined;
});

async function start(groupId: number, isForum: boolean) {
  tg = await startFakeTelegramApi({ chats: [{ id: groupId, type: 'supergroup', is_forum: isForum }] });
  const intake = new MemoryIntake();
  const env = { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, TELEGRAM_AGENT_CHAT_ID: String(groupId), TELEGRAM_POLL_TIMEOUT_SEC: '1', TELEGRAM_RATE_GLOBAL_PER_SEC: '1000', TELEGRAM_RATE_PER_CHAT_PER_SEC: '1000', TELEGRAM_RATE_PER_GROUP_PER_MIN: '1000' };
  bot = createTelegramBot(loadTelegramConfig(env), { intake, logger: new CaptureLogger() });
  await bot.start();
  return { tg, intake, bot, links: new MemoryLinks() };
}

const commands = (intake: MemoryIntake): AgentCommand[] => intake.stored.flatMap((event) => (event.kind === 'agent' ? [event.command] : []));

describe('round trip through the agents group', () => {
  it('forum: escalation opens a topic; Take, replies and notes in it name the same ticket', async () => {
    const GROUP = -1002000000001;
    const { tg, intake, bot, links } = await start(GROUP, true);
    tg.userSays(user(5), 'I cannot log in');
    await tg.waitFor(() => intake.stored.length === 1);
    await bot.sender.send({ kind: 'agent_notice', notice: { kind: 'ticket_escalated', card, reason: 'asked for a human' } }, links.context('o1'));
    const topicId = Number(links.links.get(`tk_42|${AGENT_SURFACE}`));
    const cardPost = tg.sentTo(GROUP)[0]!;
    const take = (cardPost.replyMarkup as { inline_keyboard: Array<Array<{ callback_data: string }>> }).inline_keyboard[0]![0]!.callback_data;

    tg.enqueue(buttonPress(agent, 'q-take', take, groupChat(GROUP), cardPost.messageId, { message_thread_id: topicId }));
    tg.enqueue(topicMessage(GROUP, agent, 500, topicId, 'Try resetting your password'));
    tg.enqueue(topicMessage(GROUP, agent, 501, topicId, '// probably SSO again'));
    await tg.waitFor(() => commands(intake).length === 3);

    expect(commands(intake).map((c) => [c.action.type, c.ticket])).toEqual([
      ['take', { ticketId: 'tk_42' }],
      ['reply', { surface: AGENT_SURFACE, ref: String(topicId) }],
      ['note', { surface: AGENT_SURFACE, ref: String(topicId) }],
    ]);
    // The button's spinner is stopped after the press is stored, without holding up the next update.
    await tg.waitFor(() => tg.state.answeredCallbacks.includes('q-take'));

    await bot.sender.send({ kind: 'requester_reply', conversationKey: '5', reply: { text: 'Ann: Try resetting your password' } }, links.context('o2'));
    expect(tg.sentTo(5).map((m) => m.text)).toEqual(['Ann: Try resetting your password']);
  });

  it('plain group: the card is the root post and a reply to it names the ticket', async () => {
    const GROUP = -1002000000002;
    const { tg, intake, bot, links } = await start(GROUP, false);
    await bot.sender.send({ kind: 'agent_notice', notice: { kind: 'ticket_escalated', card, reason: 'r' } }, links.context('o3'));
    const root = tg.sentTo(GROUP)[0]!;
    expect(links.links.get(`tk_42|${AGENT_SURFACE}`)).toBe(String(root.messageId));
    const replied = { message_id: root.messageId, from: { id: 123456789, is_bot: true, first_name: 'Frontline' }, reply_markup: root.replyMarkup };
    tg.enqueue(replyToPost(GROUP, agent, 600, replied, '/resolve password reset'));
    await tg.waitFor(() => commands(intake).length === 1);
    expect(commands(intake)[0]).toMatchObject({ ticket: { ticketId: 'tk_42' }, action: { type: 'resolve', text: 'password reset' } });
  });
});

import { describe, expect, it } from 'vitest';
import type { AgentCommand } from '../../core/model/intake.ts';
import type { InboundMessage } from '../../core/model/messages.ts';
import { encodeAgentButton } from '../../bots/telegram/agent-buttons.ts';
import type { NormaliseOptions } from '../../bots/telegram/normalise/options.ts';
import type { NormaliseResult } from '../../bots/telegram/normalise/result.ts';
import { normaliseUpdate } from '../../bots/telegram/normalise/update.ts';
import { buttonPress, groupChat, privateChat, privateMessage, privateText, replyToPost, topicMessage, user } from '../fakes/telegram-api/updates.ts';

const AGENTS = -1001234567890;
const BOT_ID = 777000;
const NOW = new Date('2024-06-01T12:00:00Z');
const options: NormaliseOptions = { agentChatId: String(AGENTS), notePrefix: '//', botId: BOT_ID, now: () => NOW };
const alice = user(4_503_599_627_370_495, { first_name: 'Алиса', last_name: 'K', username: 'alice', language_code: 'ru' }); // 2^52 - 1
const agent = user(5001, { first_name: 'Agent', last_name: 'Smith' });

function normalise(body: Record<string, unknown>, updateId = 1): NormaliseResult {
  return normaliseUpdate({ update_id: updateId, ...body }, options);
}

function requester(result: NormaliseResult): InboundMessage {
  if (result.kind !== 'event' || result.event.kind !== 'requester') throw new Error(`expected a requester event, got ${JSON.stringify(result)}`);
  return result.event.message;
}

function command(result: NormaliseResult): AgentCommand {
  if (result.kind !== 'event' || result.event.kind !== 'agent') throw new Error(`expected an agent command, got ${JSON.stringify(result)}`);
  return result.event.command;
}

describe('private messages', () => {
  it('turns a text message into a requester message with string ids and the language hint', () => {
    const message = requester(normalise(privateText(alice, 17, 'VPN не подключается'), 900));
    expect(message).toEqual({
      channel: 'telegram',
      externalId: `m:${alice.id}:17`,
      conversationKey: '4503599627370495',
      sender: { externalUserId: '4503599627370495', displayName: 'Алиса K', username: 'alice', languageCode: 'ru' },
      text: 'VPN не подключается',
      receivedAt: new Date(1_717_000_000 * 1000),
      meta: { updateId: '900' },
    });
  });

  it('passes commands through as text for the core to parse', () => {
    for (const text of ['/start', '/help', '/tickets', '/new', '/cancel', '/human', '/start@frontline_bot payload']) {
      expect(requester(normalise(privateText(alice, 1, text))).text).toBe(text);
    }
  });

  it('keeps the largest photo and the caption', () => {
    const photo = [
      { file_id: 'small', file_unique_id: 's', width: 90, height: 90, file_size: 1000 },
      { file_id: 'large', file_unique_id: 'l', width: 1280, height: 1280, file_size: 90000 },
    ];
    const message = requester(normalise(privateMessage(alice, 2, { photo, caption: 'screenshot of the error' })));
    expect(message.text).toBe('screenshot of the error');
    expect(message.attachments).toEqual([{ kind: 'photo', fileId: 'large', sizeBytes: 90000 }]);
  });

  it.each([
    ['document', { document: { file_id: 'doc1', file_unique_id: 'd', file_name: 'log <1>.txt', mime_type: 'text/plain', file_size: 12 } }, { kind: 'document', fileId: 'doc1', fileName: 'log <1>.txt', mimeType: 'text/plain', sizeBytes: 12 }],
    ['voice', { voice: { file_id: 'v1', file_unique_id: 'v', duration: 3, mime_type: 'audio/ogg' } }, { kind: 'voice', fileId: 'v1', mimeType: 'audio/ogg' }],
    ['video', { video: { file_id: 'vid', file_unique_id: 'x', width: 1, height: 1, duration: 1 } }, { kind: 'video', fileId: 'vid' }],
    ['audio', { audio: { file_id: 'aud', file_unique_id: 'a', duration: 1 } }, { kind: 'audio', fileId: 'aud' }],
    ['sticker', { sticker: { file_id: 'st', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false, emoji: '😡' } }, { kind: 'sticker', fileId: 'st' }],
  ])('keeps a %s as an attachment even without text', (_kind, content, attachment) => {
    const message = requester(normalise(privateMessage(alice, 3, content)));
    expect(message.text).toBe('');
    expect(message.attachments).toEqual([attachment]);
  });

  it('keeps huge texts, emoji and markup characters exactly as typed', () => {
    const text = '<b>&amp;</b> *bold* _it_ `code` [link](x) 👩‍👩‍👧‍👦🇷🇺 '.repeat(400).slice(0, 20_000);
    const message = requester(normalise(privateText(alice, 4, text)));
    expect(message.text).toBe(text);
    expect(message.text.length).toBe(20_000);
  });

  it('turns a button press into an action with the callback data and an answerable query id', () => {
    const result = normalise(buttonPress(alice, '4382bfdwdsb323b2d9', 'fb:helpful:tk_1', privateChat(alice), 55));
    const message = requester(result);
    expect(message.externalId).toBe('cb:4382bfdwdsb323b2d9');
    expect(message.conversationKey).toBe(String(alice.id));
    expect(message.action).toEqual({ payload: 'fb:helpful:tk_1' });
    expect(message.receivedAt).toEqual(NOW);
    expect(result.callbackQueryId).toBe('4382bfdwdsb323b2d9');
  });
});

describe('agents group', () => {
  it('turns a message in a forum topic into a reply to that ticket', () => {
    const cmd = command(normalise(topicMessage(AGENTS, agent, 300, 42, 'Please restart the router')));
    expect(cmd).toEqual({
      channel: 'telegram',
      externalId: `m:${AGENTS}:300`,
      agent: { externalUserId: '5001', displayName: 'Agent Smith' },
      ticket: { surface: 'telegram-agents', ref: '42' },
      action: { type: 'reply', text: 'Please restart the router' },
      receivedAt: new Date(1_717_000_000 * 1000),
    });
  });

  it('keeps messages starting with the note prefix internal', () => {
    expect(command(normalise(topicMessage(AGENTS, agent, 301, 42, '// user sounds upset'))).action).toEqual({ type: 'note', text: 'user sounds upset' });
    const custom = normaliseUpdate({ update_id: 2, ...topicMessage(AGENTS, agent, 302, 42, '!note x') }, { ...options, notePrefix: '!note' });
    expect(command(custom).action).toEqual({ type: 'note', text: 'x' });
  });

  it('understands agent commands in a topic', () => {
    const actionOf = (text: string): AgentCommand['action'] => command(normalise(topicMessage(AGENTS, agent, 303, 42, text))).action;
    expect(actionOf('/take')).toEqual({ type: 'take' });
    expect(actionOf('/take@frontline_bot')).toEqual({ type: 'take' });
    expect(actionOf('/release')).toEqual({ type: 'release' });
    expect(actionOf('/resolve fixed by reboot')).toEqual({ type: 'resolve', text: 'fixed by reboot' });
    expect(actionOf('/priority high')).toEqual({ type: 'set_priority', priority: 'high' });
    expect(actionOf('/category network')).toEqual({ type: 'set_category', category: 'network' });
  });

  it('finds the ticket of a reply to the bot post in a plain group from the post buttons', () => {
    const post = { message_id: 10, from: { id: BOT_ID, is_bot: true, first_name: 'Bot' }, reply_markup: { inline_keyboard: [[{ text: 'Take', callback_data: encodeAgentButton('take', 'tk_9') }]] } };
    expect(command(normalise(replyToPost(AGENTS, agent, 11, post, 'on it'))).ticket).toEqual({ ticketId: 'tk_9' });
    const plainPost = { message_id: 12, from: { id: BOT_ID, is_bot: true, first_name: 'Bot' } };
    expect(command(normalise(replyToPost(AGENTS, agent, 13, plainPost, 'on it'))).ticket).toEqual({ surface: 'telegram-agents', ref: '12' });
  });

  it('maps Take and Resolve buttons on the ticket post', () => {
    const take = normalise(buttonPress(agent, 'q1', encodeAgentButton('take', 'tk_9'), groupChat(AGENTS), 20, { message_thread_id: 42 }));
    expect(command(take)).toMatchObject({ externalId: 'cb:q1', ticket: { ticketId: 'tk_9' }, action: { type: 'take' }, agent: { externalUserId: '5001' } });
    expect(take.callbackQueryId).toBe('q1');
    const resolve = normalise(buttonPress(agent, 'q2', 'ag:resolve', groupChat(AGENTS), 20, { message_thread_id: 42 }));
    expect(command(resolve)).toMatchObject({ ticket: { surface: 'telegram-agents', ref: '42' }, action: { type: 'resolve' } });
  });

  it('ignores chatter outside ticket threads, bots, replies to other people, and unknown buttons', () => {
    const general = { message: { message_id: 1, date: 1, chat: groupChat(AGENTS), from: agent, text: 'lunch?' } };
    expect(normalise(general).kind).toBe('ignored');
    expect(normalise(topicMessage(AGENTS, user(9, { is_bot: true }), 2, 42, 'bot talk')).kind).toBe('ignored');
    expect(normalise(replyToPost(AGENTS, agent, 3, { message_id: 1, from: { id: 1, is_bot: false, first_name: 'x' } }, 'hi')).kind).toBe('ignored');
    const unknown = normalise(buttonPress(agent, 'q3', 'something-else', groupChat(AGENTS)));
    expect(unknown).toEqual({ kind: 'ignored', reason: 'unknown button in the agents group', callbackQueryId: 'q3' });
  });
});

describe('updates we do not handle', () => {
  it.each([
    ['edited_message', { edited_message: { message_id: 1, date: 1, edit_date: 2, chat: privateChat(alice), from: alice, text: 'x' } }],
    ['channel_post', { channel_post: { message_id: 1, date: 1, chat: { id: -100777, type: 'channel' }, text: 'news' } }],
    ['my_chat_member', { my_chat_member: { chat: privateChat(alice), from: alice, date: 1 } }],
    ['poll', { poll: { id: 'p', question: '?', options: [] } }],
    ['inline_query', { inline_query: { id: 'i', from: alice, query: 'x', offset: '' } }],
  ])('ignores %s with a reason naming the kind', (kind, body) => {
    const result = normalise(body);
    expect(result).toEqual({ kind: 'ignored', reason: `unhandled update kind: ${kind}` });
  });

  it.each([
    ['null', null],
    ['a string', 'update'],
    ['an array', [1, 2]],
    ['no update_id', { message: { text: 'x' } }],
    ['a huge update_id', { update_id: 2 ** 60, message: {} }],
  ])('ignores %s instead of throwing', (_name, raw) => {
    expect(normaliseUpdate(raw, options).kind).toBe('ignored');
  });

  it.each([
    ['no chat', { message: { message_id: 1, date: 1, from: alice, text: 'x' } }],
    ['no message_id', { message: { date: 1, chat: privateChat(alice), from: alice, text: 'x' } }],
    ['no sender', { message: { message_id: 1, date: 1, chat: privateChat(alice), text: 'x' } }],
    ['text of the wrong type', { message: { message_id: 1, date: 1, chat: privateChat(alice), from: alice, text: 42 } }],
    ['nothing we can keep (location)', { message: { message_id: 1, date: 1, chat: privateChat(alice), from: alice, location: { latitude: 1, longitude: 2 } } }],
    ['a group that is not the agents group', { message: { message_id: 1, date: 1, chat: groupChat(-100999), from: alice, text: 'x' } }],
    ['a button press without data', { callback_query: { id: 'q', from: alice, chat_instance: 'c', message: { message_id: 1, date: 1, chat: privateChat(alice) } } }],
    ['a button press without its message', { callback_query: { id: 'q', from: alice, chat_instance: 'c', data: 'x' } }],
  ])('ignores a message with %s', (_name, body) => {
    expect(normalise(body).kind).toBe('ignored');
  });

  it('still reports the query id of a malformed button press so it can be answered', () => {
    const result = normalise({ callback_query: { id: 'q9', from: { id: 'not a number' }, data: 'x' } });
    expect(result).toMatchObject({ kind: 'ignored', callbackQueryId: 'q9' });
  });

  it('ignores every group message when no agents group is configured', () => {
    const result = normaliseUpdate({ update_id: 1, ...topicMessage(AGENTS, agent, 1, 42, 'hi') }, { notePrefix: '//', now: () => NOW });
    expect(result.kind).toBe('ignored');
  });
});

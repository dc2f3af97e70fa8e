import { describe, expect, it } from 'vitest';
import type { NormaliseContext } from '../../bots/slack/normalise/context.ts';
import { normaliseEventsApi } from '../../bots/slack/normalise/events.ts';
import { normaliseInteraction } from '../../bots/slack/normalise/interactions.ts';
import { normaliseSlashCommand, toCoreCommand } from '../../bots/slack/normalise/commands.ts';
import { slackTextToPlain } from '../../bots/slack/normalise/slack-text.ts';
import { AGENT, BOT_ID, BOT_USER, TEAM, TRIAGE, USER, blockActions, dm, envelope, mention, messageShortcut, slashCommand, triageReply } from './fixtures.ts';

const ctx: NormaliseContext = {
  botUserId: BOT_USER,
  botId: BOT_ID,
  teamId: TEAM,
  teamUrl: 'https://acme.slack.com/',
  agentChannelId: TRIAGE,
  notePrefix: '//',
  now: () => 1_700_000_000_000,
};

describe('requester events', () => {
  it('turns a DM into a requester message keyed by the user', () => {
    const outcome = normaliseEventsApi(envelope(dm('VPN &lt;error 809&gt; &amp; no Wi-Fi')), ctx);
    expect(outcome).toEqual({
      kind: 'intake',
      event: {
        kind: 'requester',
        message: {
          channel: 'slack',
          externalId: 'Ev001',
          conversationKey: USER,
          sender: { externalUserId: USER },
          text: 'VPN <error 809> & no Wi-Fi',
          receivedAt: new Date(1_700_000_000_000),
          meta: { source: 'dm' },
        },
      },
    });
  });

  it('falls back to channel:ts when the event id is missing (Socket Mode replays keep both)', () => {
    const body = envelope(dm('hi'));
    delete body.event_id;
    const outcome = normaliseEventsApi(body, ctx);
    expect(outcome.kind === 'intake' && outcome.event.kind === 'requester' && outcome.event.message.externalId).toBe('D1001:1700000000.000100');
  });

  it('turns an @mention into a threaded conversation with channel and permalink in meta', () => {
    const outcome = normaliseEventsApi(envelope(mention('printer <!here> is <https://x.test/p?a=1&amp;b=2|broken>')), ctx);
    expect(outcome).toMatchObject({
      kind: 'intake',
      event: {
        kind: 'requester',
        message: {
          conversationKey: `CGENERAL/1700000001.000200/${USER}`,
          text: 'printer @here is broken (https://x.test/p?a=1&b=2)',
          meta: {
            source: 'app_mention',
            slackChannel: 'CGENERAL',
            slackTs: '1700000001.000200',
            slackThreadTs: '1700000001.000200',
            slackPermalink: 'https://acme.slack.com/archives/CGENERAL/p1700000001000200',
          },
        },
      },
    });
  });

  it('keeps a mention inside an existing thread in that thread', () => {
    const outcome = normaliseEventsApi(envelope(mention('still broken', { thread_ts: '1700000000.999999' })), ctx);
    expect(outcome).toMatchObject({ event: { message: { conversationKey: `CGENERAL/1700000000.999999/${USER}` } } });
  });

  it('accepts a 40,000-character DM unchanged', () => {
    const long = 'a'.repeat(40_000);
    const outcome = normaliseEventsApi(envelope(dm(long)), ctx);
    expect(outcome.kind === 'intake' && outcome.event.kind === 'requester' && outcome.event.message.text.length).toBe(40_000);
  });

  it('keeps files of a file_share message as attachments', () => {
    const files = [{ id: 'F1', name: 'screen.png', mimetype: 'image/png', size: 1234 }];
    const outcome = normaliseEventsApi(envelope(dm('see screenshot', { subtype: 'file_share', files })), ctx);
    expect(outcome).toMatchObject({
      event: { message: { attachments: [{ kind: 'photo', fileId: 'F1', fileName: 'screen.png', mimeType: 'image/png', sizeBytes: 1234 }] } },
    });
  });

  it('reports app_home_opened for the home tab', () => {
    expect(normaliseEventsApi(envelope({ type: 'app_home_opened', user: USER, tab: 'home' }), ctx)).toEqual({ kind: 'app_home_opened', userId: USER });
  });
});

describe('ignored events', () => {
  it.each([
    ['own message (bot user)', envelope(dm('x', { user: BOT_USER }))],
    ['own message (bot id)', envelope(dm('x', { bot_id: BOT_ID }))],
    ['another bot', envelope(dm('x', { bot_id: 'B999', user: 'U999' }))],
    ['bot_message subtype', envelope(dm('x', { subtype: 'bot_message', user: undefined }))],
    ['message_changed', envelope(dm('x', { subtype: 'message_changed' }))],
    ['message_deleted', envelope(dm('x', { subtype: 'message_deleted' }))],
    ['channel_join', envelope(dm('x', { subtype: 'channel_join' }))],
    ['another workspace (envelope)', envelope(dm('x'), 'Ev9', 'TOTHER')],
    ['external user in a shared channel', envelope(mention('x', { user_team: 'TOTHER' }))],
    ['ordinary channel chatter', envelope({ ...dm('x'), channel: 'CGENERAL', channel_type: 'channel' })],
    ['top-level message in triage', envelope(triageReply('x', { thread_ts: undefined }))],
    ['bot post in a triage thread', envelope(triageReply('requester said hi', { bot_id: BOT_ID, user: BOT_USER }))],
    ['unknown event type', envelope({ type: 'reaction_added', user: USER })],
    ['malformed message', envelope({ type: 'message' })],
    ['not an envelope', { hello: 'world' }],
    ['null body', null],
  ])('%s', (_, body) => {
    expect(normaliseEventsApi(body, ctx).kind).toBe('ignore');
  });
});

describe('agent side (triage channel)', () => {
  it('turns a thread reply into an agent reply on the linked ticket', () => {
    const outcome = normaliseEventsApi(envelope(triageReply('Please restart the router &amp; retry')), ctx);
    expect(outcome).toEqual({
      kind: 'intake',
      event: {
        kind: 'agent',
        command: {
          channel: 'slack',
          externalId: 'Ev001',
          agent: { externalUserId: AGENT },
          ticket: { surface: 'slack-triage', ref: '1700000050.000001' },
          action: { type: 'reply', text: 'Please restart the router & retry' },
          receivedAt: new Date(1_700_000_000_000),
        },
      },
    });
  });

  it('makes a reply starting with the prefix an internal note', () => {
    const outcome = normaliseEventsApi(envelope(triageReply('// user is a VIP')), ctx);
    expect(outcome).toMatchObject({ event: { command: { action: { type: 'note', text: 'user is a VIP' } } } });
  });

  it.each([
    ['fl_take', { type: 'take' }],
    ['fl_release', { type: 'release' }],
    ['fl_resolve', { type: 'resolve' }],
  ])('button %s -> agent command on the ticket id in the value', (actionId, action) => {
    const payload = blockActions({ action_id: actionId, block_id: 'fl_ticket:t-1', type: 'button', value: 't-1' }, { channel: TRIAGE });
    expect(normaliseInteraction(payload, ctx)).toMatchObject({
      kind: 'intake',
      event: { kind: 'agent', command: { agent: { externalUserId: AGENT }, ticket: { ticketId: 't-1' }, action, externalId: `action:111.222.${actionId}` } },
    });
  });

  it('priority and category selects carry the ticket through the block id', () => {
    const priority = blockActions({ action_id: 'fl_priority', block_id: 'fl_ticket:t-9', type: 'static_select', selected_option: { value: 'P1' } }, { channel: TRIAGE });
    const category = blockActions({ action_id: 'fl_category', block_id: 'fl_ticket:t-9', type: 'static_select', selected_option: { value: 'network' } }, { channel: TRIAGE });
    expect(normaliseInteraction(priority, ctx)).toMatchObject({ event: { command: { ticket: { ticketId: 't-9' }, action: { type: 'set_priority', priority: 'P1' } } } });
    expect(normaliseInteraction(category, ctx)).toMatchObject({ event: { command: { ticket: { ticketId: 't-9' }, action: { type: 'set_category', category: 'network' } } } });
  });

  it('falls back to the post ts when the block id carries no ticket', () => {
    const payload = blockActions({ action_id: 'fl_priority', block_id: 'other', type: 'static_select', selected_option: { value: 'P2' } }, { channel: TRIAGE, messageTs: '1700000050.000001' });
    expect(normaliseInteraction(payload, ctx)).toMatchObject({ event: { command: { ticket: { surface: 'slack-triage', ref: '1700000050.000001' } } } });
  });

  it('the "Add internal note" shortcut opens the note modal for the thread; its submission is a note', () => {
    const shortcut = messageShortcut('fl_add_note', TRIAGE, { text: 'anything', thread_ts: '1700000050.000001' });
    expect(normaliseInteraction(shortcut, ctx)).toEqual({ kind: 'open_note_modal', triggerId: '333.444.def', channel: TRIAGE, threadTs: '1700000050.000001' });
    const submission = {
      type: 'view_submission',
      user: { id: AGENT, name: 'bob', team_id: TEAM },
      team: { id: TEAM },
      view: {
        id: 'V123',
        callback_id: 'fl_note_modal',
        private_metadata: JSON.stringify({ channel: TRIAGE, threadTs: '1700000050.000001' }),
        state: { values: { fl_note: { fl_note_text: { type: 'plain_text_input', value: ' called the user <b> ' } } } },
      },
    };
    expect(normaliseInteraction(submission, ctx)).toMatchObject({
      event: { kind: 'agent', command: { externalId: 'view:V123', ticket: { surface: 'slack-triage', ref: '1700000050.000001' }, action: { type: 'note', text: 'called the user <b>' } } },
    });
  });

  it('ignores the note shortcut outside triage and agent buttons outside triage', () => {
    expect(normaliseInteraction(messageShortcut('fl_add_note', 'CGENERAL', { text: 'x' }), ctx).kind).toBe('ignore');
    expect(normaliseInteraction(blockActions({ action_id: 'fl_take', type: 'button', value: 't-1' }, { channel: 'D1001' }), ctx).kind).toBe('ignore');
  });
});

describe('requester interactions and commands', () => {
  it('a choice button in the DM -> message with the payload', () => {
    const payload = blockActions({ action_id: 'fl_choice_0_1', type: 'button', value: 'fb:no:42', text: { type: 'plain_text', text: "Didn't help" } }, { channel: 'D1001' });
    expect(normaliseInteraction(payload, ctx)).toMatchObject({
      event: { kind: 'requester', message: { conversationKey: USER, text: "Didn't help", action: { payload: 'fb:no:42' } } },
    });
  });

  it('a choice button in a channel thread stays in that thread', () => {
    const payload = blockActions({ action_id: 'fl_choice_0_0', type: 'button', value: 'fb:yes:1' }, { channel: 'CGENERAL', messageTs: '1700000009.000001', threadTs: '1700000001.000200' });
    expect(normaliseInteraction(payload, ctx)).toMatchObject({ event: { message: { conversationKey: `CGENERAL/1700000001.000200/${USER}` } } });
  });

  it('"Create support ticket" shortcut -> /new with the message text, deduplicated per user and message', () => {
    const outcome = normaliseInteraction(messageShortcut('fl_create_ticket', 'CGENERAL', { text: 'Outlook keeps crashing', user: 'U777' }), ctx);
    expect(outcome).toMatchObject({
      event: {
        kind: 'requester',
        message: {
          externalId: `shortcut:CGENERAL:1700000300.000001:${USER}`,
          conversationKey: USER,
          text: '/new Outlook keeps crashing',
          meta: { source: 'message_shortcut', slackChannel: 'CGENERAL', slackTs: '1700000300.000001', slackAuthor: 'U777' },
        },
      },
    });
  });

  it.each([
    ['', '/help'],
    ['help', '/help'],
    ['tickets', '/tickets'],
    ['new  VPN broken again', '/new VPN broken again'],
    ['my mouse died', '/new my mouse died'],
  ])('/support %j -> %j', (text, expected) => {
    expect(toCoreCommand(text)).toBe(expected);
    expect(normaliseSlashCommand(slashCommand(text), ctx)).toMatchObject({ kind: 'intake', event: { message: { text: expected, conversationKey: USER } } });
  });

  it('ignores other commands, other workspaces and unknown interactions', () => {
    expect(normaliseSlashCommand(slashCommand('x', { command: '/other' }), ctx).kind).toBe('ignore');
    expect(normaliseSlashCommand(slashCommand('x', { team_id: 'TOTHER' }), ctx).kind).toBe('ignore');
    expect(normaliseInteraction({ type: 'view_closed' }, ctx).kind).toBe('ignore');
    expect(normaliseInteraction('garbage', ctx).kind).toBe('ignore');
  });
});

describe('slack text', () => {
  it('decodes entities once and renders mentions, channels and links as text', () => {
    expect(slackTextToPlain('&amp;lt; <@U1|ann> in <#C1|it-help> <mailto:a@b.c|a@b.c> <!subteam^S1|@ops>')).toBe('&lt; @ann in #it-help a@b.c @ops');
  });
});

describe('channel threads with several people', () => {
  it('gives each person in a thread their own conversation, and replies still go to the thread', async () => {
    const { threadKey, parseConversationKey } = await import('../../bots/slack/conversation-key.ts');
    const a = threadKey('CGENERAL', '1700000001.000200', 'U1001');
    const b = threadKey('CGENERAL', '1700000001.000200', 'U2002');
    expect(a).not.toBe(b);
    expect(parseConversationKey(a)).toEqual({ channel: 'CGENERAL', threadTs: '1700000001.000200' });
    expect(parseConversationKey(b)).toEqual({ channel: 'CGENERAL', threadTs: '1700000001.000200' });
    // Keys stored before the user was part of them still route to their thread.
    expect(parseConversationKey('CGENERAL/1700000001.000200')).toEqual({ channel: 'CGENERAL', threadTs: '1700000001.000200' });
  });
});

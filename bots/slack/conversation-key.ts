/**
 * Where a requester's replies go, encoded in `InboundMessage.conversationKey`:
 * - `U123` (a user id): the app's direct messages with that user. `chat.postMessage` accepts a user id
 *   as channel and posts into the app's DM (App Home "Messages" tab). We key every DM-bound flow (DMs,
 *   `/support`, the message shortcut, buttons) by the user, so they all continue one conversation.
 * - `C123/1700000000.000100/U456`: one user's conversation in a channel thread (from an `@app` mention).
 *   The user is part of the key because several people can write in one thread: each must get their own
 *   conversation (their own tickets, buttons and /tickets), never another person's. Replies go to the thread.
 * A bare channel id (`D…`, `C…`) is also accepted when sending.
 */
export type SlackDestination = { channel: string; threadTs?: string };

export function dmKey(userId: string): string {
  return userId;
}

export function threadKey(channel: string, threadTs: string, userId: string): string {
  return `${channel}/${threadTs}/${userId}`;
}

export function parseConversationKey(key: string): SlackDestination | undefined {
  const match = /^([A-Z0-9]+)(?:\/(\d+\.\d+)(?:\/[A-Z0-9]+)?)?$/.exec(key);
  if (!match?.[1]) return undefined;
  return match[2] ? { channel: match[1], threadTs: match[2] } : { channel: match[1] };
}

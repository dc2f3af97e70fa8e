/** What the fake Bot API remembers: queued updates, chats, what the bot sent, topics, webhook. */
export interface SentMessage {
  chatId: string;
  messageId: number;
  /** As sent (HTML when parse_mode is HTML). */
  html: string;
  /** Visible text after entity parsing. */
  text: string;
  parseMode?: string;
  replyMarkup?: unknown;
  threadId?: number;
  replyTo?: number;
  at: number;
}

export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  is_forum?: boolean;
}

export interface FakeTopic {
  chatId: string;
  threadId: number;
  name: string;
}

export interface QueuedUpdate {
  update_id: number;
  [key: string]: unknown;
}

export class FakeState {
  updates: QueuedUpdate[] = [];
  nextUpdateId = 100_000;
  readonly chats = new Map<string, FakeChat>();
  readonly sent: SentMessage[] = [];
  readonly sentByChat = new Map<string, SentMessage[]>();
  readonly topics: FakeTopic[] = [];
  readonly blocked = new Set<string>();
  readonly commands = new Map<string, unknown>();
  readonly answeredCallbacks: string[] = [];
  webhook: { url: string; secret?: string } | undefined;
  private readonly messageIds = new Map<string, number>();

  nextMessageId(chatId: string): number {
    const next = (this.messageIds.get(chatId) ?? 0) + 1;
    this.messageIds.set(chatId, next);
    return next;
  }

  enqueue(body: Record<string, unknown>): QueuedUpdate {
    const update: QueuedUpdate = { ...body, update_id: this.nextUpdateId++ };
    this.updates.push(update);
    return update;
  }

  /** getUpdates semantics: everything below `offset` is confirmed and forgotten. */
  confirmBelow(offset: number): void {
    let drop = 0;
    while (drop < this.updates.length && this.updates[drop]!.update_id < offset) drop++;
    if (drop) this.updates.splice(0, drop);
  }

  record(message: SentMessage): void {
    this.sent.push(message);
    let list = this.sentByChat.get(message.chatId);
    if (!list) {
      list = [];
      this.sentByChat.set(message.chatId, list);
    }
    list.push(message);
  }

  findSent(chatId: string, messageId: number): SentMessage | undefined {
    return this.sentByChat.get(chatId)?.find((message) => message.messageId === messageId);
  }
}

/**
 * Arrival -> first reply, per update, matched exactly: the turn that processed an update wrote its
 * inbound transcript message and its outbox rows with the same timestamp; the first of those rows
 * records the Telegram message id the fake API gave its send, and the fake API knows when that send
 * arrived. Turns that sent nothing (the chat is with a person, who answers later) have no reply to time;
 * they are counted, with their arrival -> processed time, instead of being matched to a later reply.
 */
export interface Turn {
  /** When the turn ran (the inbound message's createdAt), ms. */
  processedAt: number;
  /** Telegram message id of the turn's first reply, when it sent one. */
  firstReplyId?: number;
}

export interface LatencyInput {
  /** Update arrival at the fake API, per inbound external id. */
  arrivals: Map<string, { chatId: string; at: number }>;
  turns: Map<string, Turn>;
  /** When the fake API received each sent message, by `${chatId}:${messageId}`. */
  sentAt: Map<string, number>;
}

export interface Latencies {
  /** Arrival -> first reply of every answered update, sorted. */
  answered: number[];
  /** Arrival -> processed, for turns that replied nothing, sorted. */
  silent: number[];
  /** Arrivals without a processed turn, or whose reply the fake API never saw. */
  unmatched: number;
}

export function latencies(input: LatencyInput): Latencies {
  const answered: number[] = [];
  const silent: number[] = [];
  let unmatched = 0;
  for (const [externalId, arrival] of input.arrivals) {
    const turn = input.turns.get(externalId);
    if (!turn) {
      unmatched += 1;
    } else if (turn.firstReplyId === undefined) {
      silent.push(Math.max(0, turn.processedAt - arrival.at));
    } else {
      const at = input.sentAt.get(`${arrival.chatId}:${turn.firstReplyId}`);
      if (at === undefined) unmatched += 1;
      else answered.push(Math.max(0, at - arrival.at));
    }
  }
  answered.sort((a, b) => a - b);
  silent.sort((a, b) => a - b);
  return { answered, silent, unmatched };
}

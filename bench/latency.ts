/**
 * Arrival -> first reply, per update. A chat's replies keep the order of its messages, so the k-th
 * update of a chat is answered by the k-th turn's first sendMessage. The number of messages each turn
 * sent is read from the outbox (rows written by one turn share their creation time); when that does not
 * line up with what the fake API received (a kill repeated a send), updates are matched greedily: the
 * first send at or after the arrival that was not matched before.
 */
export interface ChatTimeline {
  arrivals: number[];
  sends: number[];
  /** Sizes of the reply groups (one per processed turn), oldest first, when known. */
  groups?: number[];
}

export function latencies(chats: Iterable<ChatTimeline>): { values: number[]; unanswered: number } {
  const values: number[] = [];
  let unanswered = 0;
  for (const chat of chats) {
    const { arrivals, sends, groups } = chat;
    if (groups && groups.length === arrivals.length && groups.reduce((a, b) => a + b, 0) === sends.length) {
      let index = 0;
      arrivals.forEach((arrival, i) => {
        values.push(Math.max(0, sends[index]! - arrival));
        index += groups[i]!;
      });
      continue;
    }
    let j = 0;
    for (const arrival of arrivals) {
      while (j < sends.length && sends[j]! < arrival) j++;
      if (j < sends.length) values.push(sends[j++]! - arrival);
      else unanswered++;
    }
  }
  return { values, unanswered };
}

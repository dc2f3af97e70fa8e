/** The bench's arrival -> first reply matching (bench/latency.ts): exact per turn, silent turns apart. */
import { describe, expect, it } from 'vitest';
import { latencies } from '../../bench/latency.ts';

describe('bench latency matching', () => {
  it('times each update by its own turn first reply, and counts turns that sent nothing apart', () => {
    const arrivals = new Map([
      ['m:1:1', { chatId: '1', at: 1000 }],
      ['m:1:2', { chatId: '1', at: 1010 }], // the chat is with a person: no reply from this turn
      ['m:1:3', { chatId: '1', at: 1020 }],
      ['m:2:1', { chatId: '2', at: 1000 }], // never processed
    ]);
    const turns = new Map([
      ['m:1:1', { processedAt: 1005, firstReplyId: 501 }],
      ['m:1:2', { processedAt: 1015 }],
      ['m:1:3', { processedAt: 1030, firstReplyId: 503 }],
    ]);
    const sentAt = new Map([
      ['1:501', 1008],
      ['1:502', 1009], // a second reply of the first turn: not what the first update is timed by
      ['1:503', 1100],
    ]);
    const result = latencies({ arrivals, turns, sentAt });
    // A silent turn must not be matched to the next turn's reply (1100 - 1010 = 90 would be wrong).
    expect(result.answered).toEqual([8, 80]);
    expect(result.silent).toEqual([5]);
    expect(result.unmatched).toBe(1);
  });
});

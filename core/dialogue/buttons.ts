/**
 * Button payloads: short (Telegram allows 64 bytes), self-describing, and naming the ticket they belong to,
 * so a stale press or a press on another user's button is recognised and refused politely.
 *   fb:<ticketId>:<helped|not_helped|human>   feedback on an article
 *   pick:<ticketId>:<index|none>              choice between close articles
 *   csat:<ticketId>:<1-5>                     satisfaction rating
 */
export type ButtonAction =
  | { kind: 'feedback'; ticketId: string; value: 'helped' | 'not_helped' | 'human' }
  | { kind: 'pick'; ticketId: string; index: number | 'none' }
  | { kind: 'csat'; ticketId: string; score: number };

export function encodeButton(action: ButtonAction): string {
  switch (action.kind) {
    case 'feedback':
      return `fb:${action.ticketId}:${action.value}`;
    case 'pick':
      return `pick:${action.ticketId}:${action.index}`;
    case 'csat':
      return `csat:${action.ticketId}:${action.score}`;
  }
}

/** What a press means, for transcripts agents read ("pressed: Didn't help"), in the conversation's language. */
export function describeButton(payload: string, labels: { helped: string; notHelped: string; talkToPerson: string; noneOfThese: string }): string {
  const action = decodeButton(payload);
  if (!action) return '[button]';
  switch (action.kind) {
    case 'feedback':
      return `[${action.value === 'helped' ? labels.helped : action.value === 'not_helped' ? labels.notHelped : labels.talkToPerson}]`;
    case 'pick':
      return action.index === 'none' ? `[${labels.noneOfThese}]` : `[option ${action.index + 1}]`;
    case 'csat':
      return `[${action.score}/5]`;
  }
}

export function decodeButton(payload: string): ButtonAction | undefined {
  const [kind, ticketId, value, ...rest] = payload.split(':');
  if (!ticketId || value === undefined || rest.length > 0) return undefined;
  if (kind === 'fb' && (value === 'helped' || value === 'not_helped' || value === 'human')) {
    return { kind: 'feedback', ticketId, value };
  }
  if (kind === 'pick') {
    if (value === 'none') return { kind: 'pick', ticketId, index: 'none' };
    const index = Number(value);
    return Number.isInteger(index) && index >= 0 && index < 10 ? { kind: 'pick', ticketId, index } : undefined;
  }
  if (kind === 'csat') {
    const score = Number(value);
    return Number.isInteger(score) && score >= 1 && score <= 5 ? { kind: 'csat', ticketId, score } : undefined;
  }
  return undefined;
}

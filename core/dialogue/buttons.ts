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

/**
 * Callback data of the buttons on ticket posts in the agents' group. Written by the renderer, read back
 * by the normaliser. Telegram allows 64 bytes of callback data; when the ticket id does not fit, the
 * button carries the action only and the ticket is found from the post it sits on (topic or root post).
 *
 * @example
 * encodeAgentButton('take', 'tk_123') // 'ag:take:tk_123'
 * decodeAgentButton('ag:take:tk_123') // { action: 'take', ticketId: 'tk_123' }
 */
export const AGENT_BUTTON_ACTIONS = ['take', 'resolve'] as const;
export type AgentButtonAction = (typeof AGENT_BUTTON_ACTIONS)[number];

export const CALLBACK_DATA_MAX_BYTES = 64;
const PREFIX = 'ag:';

export function encodeAgentButton(action: AgentButtonAction, ticketId: string): string {
  const full = `${PREFIX}${action}:${ticketId}`;
  return Buffer.byteLength(full, 'utf8') <= CALLBACK_DATA_MAX_BYTES ? full : `${PREFIX}${action}`;
}

export function decodeAgentButton(data: string): { action: AgentButtonAction; ticketId?: string } | undefined {
  if (!data.startsWith(PREFIX)) return undefined;
  const rest = data.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  const name = colon === -1 ? rest : rest.slice(0, colon);
  const action = AGENT_BUTTON_ACTIONS.find((candidate) => candidate === name);
  if (!action) return undefined;
  const ticketId = colon === -1 ? '' : rest.slice(colon + 1);
  return ticketId ? { action, ticketId } : { action };
}

/** The ticket id carried by our buttons on a post, if any (used for replies to a post in plain groups). */
export function ticketIdFromKeyboard(rows: Array<Array<{ callback_data?: string | undefined }>> | undefined): string | undefined {
  for (const row of rows ?? []) {
    for (const button of row) {
      const decoded = button.callback_data ? decodeAgentButton(button.callback_data) : undefined;
      if (decoded?.ticketId) return decoded.ticketId;
    }
  }
  return undefined;
}

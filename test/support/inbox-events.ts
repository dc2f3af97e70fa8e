/** Inbound events for inbox tests: message `n` of a terminal chat, external id `<chat>-<n>`. */
import type { IntakeEvent } from '../../core/model/intake.ts';

export function chatMessage(chat: string, n: number, text = `message ${n}`): IntakeEvent {
  return {
    kind: 'requester',
    message: {
      channel: 'terminal',
      conversationKey: chat,
      externalId: `${chat}-${n}`,
      sender: { externalUserId: chat, displayName: chat },
      text,
      receivedAt: new Date('2026-03-02T10:00:00Z'),
    },
  };
}

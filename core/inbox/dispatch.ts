/** Routes a stored inbox event to the requester dialogue or the agent-command handler. */
import type { Clock } from '../clock.ts';
import type { DialogueDeps } from '../dialogue/turn.ts';
import type { InboxHandler, FinalFailureHandler } from './worker.ts';
import type { Prisma } from '../store/database.ts';
import { parseStoredEvent } from './intake.ts';
import { processRequesterMessage } from './process-requester.ts';
import { processAgentCommand, type AgentCommandOptions } from '../agents/handle-agent-command.ts';
import { textsFor } from '../dialogue/texts.ts';
import type { Delivery } from '../model/delivery.ts';

export function createInboxHandler(deps: DialogueDeps, options: AgentCommandOptions): InboxHandler {
  return async (tx, row, now) => {
    const event = parseStoredEvent(row.payload);
    if (event.kind === 'requester') return (await processRequesterMessage(tx, event.message, deps, options.agentSurfaces, now)) > 0;
    await processAgentCommand(tx, event.command, deps, options, now);
    return undefined;
  };
}

/**
 * When a requester's message cannot be processed after all retries, they are told so (the message itself
 * stays stored as a failed inbox event, visible to operators), instead of hearing nothing.
 */
export function createFinalFailureHandler(prisma: Prisma, clock: Clock): FinalFailureHandler {
  return async (row) => {
    const event = parseStoredEvent(row.payload);
    if (event.kind !== 'requester') return;
    const m = event.message;
    const language = m.sender.languageCode?.startsWith('ru') || /[а-яё]/i.test(m.text) ? 'ru' : 'en';
    const delivery: Delivery = { kind: 'requester_reply', conversationKey: m.conversationKey, reply: { text: textsFor(language).processingFailed } };
    const now = clock.now();
    await prisma.outboxMessage.create({
      data: { channel: m.channel, orderKey: `${m.channel}:${m.conversationKey}`, payload: JSON.stringify(delivery), createdAt: now, nextAttemptAt: now },
    });
  };
}

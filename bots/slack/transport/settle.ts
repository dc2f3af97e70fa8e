/**
 * Turns an Outcome into what the transport acknowledges. Shared by HTTP and Socket Mode so both keep
 * the same rule: an intake event is acknowledged only after `intake.accept` resolved (stored); if the
 * store fails we do not acknowledge and Slack delivers again.
 */
import type { IntakePort } from '../../../core/model/intake.ts';
import { describeError, type SlackLogger } from '../logger.ts';
import type { Outcome } from '../normalise/outcome.ts';

export interface SettleDeps {
  intake: IntakePort;
  logger: SlackLogger;
  /** Called after the ack of `app_home_opened`; the core publishes the user's home view. */
  onAppHomeOpened?: (userId: string) => Promise<void>;
  /** Opens the "Add internal note" modal (needs the trigger id within 3 s, so it runs right after the ack). */
  openNoteModal?: (args: { triggerId: string; channel: string; threadTs: string }) => Promise<void>;
}

export type Settled =
  | { ok: true; body?: Record<string, unknown>; afterAck?: () => Promise<void> }
  | { ok: false; error: string };

export async function settle(outcome: Outcome, deps: SettleDeps, retryNum?: number): Promise<Settled> {
  switch (outcome.kind) {
    case 'url_verification':
      return { ok: true, body: { challenge: outcome.challenge } };
    case 'ignore':
      deps.logger.debug({ reason: outcome.reason }, 'slack: ignored');
      return { ok: true };
    case 'app_home_opened': {
      const hook = deps.onAppHomeOpened;
      return { ok: true, ...(hook && { afterAck: () => hook(outcome.userId) }) };
    }
    case 'open_note_modal': {
      const open = deps.openNoteModal;
      const { triggerId, channel, threadTs } = outcome;
      return { ok: true, ...(open && { afterAck: () => open({ triggerId, channel, threadTs }) }) };
    }
    case 'intake':
      try {
        const result = await deps.intake.accept(outcome.event);
        const id = outcome.event.kind === 'requester' ? outcome.event.message.externalId : outcome.event.command.externalId;
        deps.logger.debug({ externalId: id, duplicate: result.duplicate, retryNum }, 'slack: accepted');
        return { ok: true, ...(outcome.ackText && { body: { response_type: 'ephemeral', text: outcome.ackText } }) };
      } catch (error) {
        const text = describeError(error);
        deps.logger.error({ error: text }, 'slack: intake failed, not acknowledging');
        return { ok: false, error: text };
      }
  }
}

/** Runs a post-ack side effect; failures are logged, never thrown into the transport. */
export function runAfterAck(settled: Settled, logger: SlackLogger): void {
  if (!settled.ok || !settled.afterAck) return;
  settled.afterAck().catch((error: unknown) => logger.warn({ error: describeError(error) }, 'slack: post-ack step failed'));
}

import type { IntakeEvent } from '../../../core/model/intake.ts';

/**
 * What one update becomes: an event for the intake, or a reason to ignore it. `callbackQueryId` is set
 * for button presses, stored or not, so the transport can answer them (stops the button's spinner).
 */
export type NormaliseResult =
  | { kind: 'event'; event: IntakeEvent; callbackQueryId?: string }
  | { kind: 'ignored'; reason: string; callbackQueryId?: string };

export function ignored(reason: string, callbackQueryId?: string): NormaliseResult {
  return callbackQueryId ? { kind: 'ignored', reason, callbackQueryId } : { kind: 'ignored', reason };
}

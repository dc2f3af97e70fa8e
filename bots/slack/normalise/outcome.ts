import type { IntakeEvent } from '../../../core/model/intake.ts';

/**
 * What one incoming Slack payload means for us. Transports (HTTP, Socket Mode) turn it into an ack;
 * only `intake` is stored, and it is stored before the ack.
 */
export type Outcome =
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'intake'; event: IntakeEvent; /** ephemeral text for the ack of a slash command */ ackText?: string }
  | { kind: 'app_home_opened'; userId: string }
  | { kind: 'open_note_modal'; triggerId: string; channel: string; threadTs: string }
  | { kind: 'ignore'; reason: string };

export const ignore = (reason: string): Outcome => ({ kind: 'ignore', reason });

/** Action ids of the Block Kit elements we render; the normalisers route on them. */
export const ACTION = {
  choice: 'fl_choice', // requester choice buttons: `fl_choice_<row>_<col>`
  take: 'fl_take',
  release: 'fl_release',
  resolve: 'fl_resolve',
  priority: 'fl_priority',
  category: 'fl_category',
} as const;

/** Callback ids of the shortcuts and the modal declared in `manifest.yml`. */
export const CALLBACK = {
  createTicket: 'fl_create_ticket',
  addNote: 'fl_add_note',
  noteModal: 'fl_note_modal',
} as const;

/** block_id of the triage post's actions block: carries the ticket id for the selects. */
export const TICKET_BLOCK_PREFIX = 'fl_ticket:';

import type { Now } from '../clock.ts';

/** What the normalisers know about our app and workspace (mostly from `auth.test` at start-up). */
export interface NormaliseContext {
  /** The app's bot user (`auth.test` user_id): its messages are ignored, its mention stripped. */
  botUserId?: string;
  /** The app's bot id (`auth.test` bot_id). */
  botId?: string;
  /** Our workspace; events from other workspaces are ignored. Unset = accept any. */
  teamId?: string;
  /** Workspace URL (`auth.test` url), for permalinks in `meta`. */
  teamUrl?: string;
  /** Triage channel where agents work tickets. */
  agentChannelId?: string;
  /** Thread replies in the triage channel starting with this are internal notes. */
  notePrefix: string;
  now: Now;
}

/** The surface name under which the triage post's ts is linked to a ticket (`SendContext.setLink`). */
export const TRIAGE_SURFACE = 'slack-triage';

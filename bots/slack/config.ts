/**
 * Slack settings, parsed once from the environment at start-up (see README section). Slack is optional:
 * without `SLACK_BOT_TOKEN` the adapter is off and `parseSlackConfig` returns `undefined`.
 */
import { z } from 'zod';
import { CATEGORIES } from '../../knowledge/types.ts';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const SlackEnvSchema = z.object({
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_AGENT_CHANNEL_ID: optionalText,
  SLACK_LEAD_CHANNEL_ID: optionalText,
  SLACK_API_URL: optionalText,
  SLACK_TEAM_ID: optionalText,
  SLACK_NOTE_PREFIX: optionalText,
});

export type SlackMode = 'http' | 'socket';

export interface SlackConfig {
  botToken: string;
  /** `http`: Events API over express (needs the signing secret); `socket`: Socket Mode (needs the app token). */
  mode: SlackMode;
  signingSecret?: string;
  appToken?: string;
  /** Triage channel for agents; without it agent notices fail visibly (dead letter), requester flows still work. */
  agentChannelId?: string;
  /** Where SLA lead alerts go; without it they are posted in the ticket's triage thread. */
  leadChannelId?: string;
  /** Web API base, always ending with a slash. */
  apiUrl: string;
  /** Only events of this workspace are accepted; taken from `auth.test` when not set. */
  teamId?: string;
  /** Thread replies in the triage channel starting with this are internal notes. */
  notePrefix: string;
  /** Category options of the triage post. */
  categories: readonly string[];
}

export class SlackConfigError extends Error {
  override readonly name = 'SlackConfigError';
}

/**
 * @example parseSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-…', SLACK_SIGNING_SECRET: '…' })?.mode // 'http'
 */
export function parseSlackConfig(env: Record<string, string | undefined>): SlackConfig | undefined {
  const parsed = SlackEnvSchema.safeParse(env);
  if (!parsed.success) throw new SlackConfigError(`Invalid Slack settings: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  if (!e.SLACK_BOT_TOKEN) return undefined;
  if (!e.SLACK_BOT_TOKEN.startsWith('xoxb-')) {
    throw new SlackConfigError('SLACK_BOT_TOKEN must be a bot token (starts with xoxb-)');
  }
  if (e.SLACK_APP_TOKEN && !e.SLACK_APP_TOKEN.startsWith('xapp-')) {
    throw new SlackConfigError('SLACK_APP_TOKEN must be an app-level token (starts with xapp-)');
  }
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new SlackConfigError(
      'Slack needs SLACK_SIGNING_SECRET (HTTP events) or SLACK_APP_TOKEN (Socket Mode) next to SLACK_BOT_TOKEN',
    );
  }
  const apiUrl = e.SLACK_API_URL ?? 'https://slack.com/api/';
  if (!/^https?:\/\//.test(apiUrl)) throw new SlackConfigError('SLACK_API_URL must be an http(s) URL');
  return {
    botToken: e.SLACK_BOT_TOKEN,
    mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    agentChannelId: e.SLACK_AGENT_CHANNEL_ID,
    leadChannelId: e.SLACK_LEAD_CHANNEL_ID,
    apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    teamId: e.SLACK_TEAM_ID,
    notePrefix: e.SLACK_NOTE_PREFIX ?? '//',
    categories: CATEGORIES,
  };
}

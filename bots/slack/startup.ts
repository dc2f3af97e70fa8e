/**
 * Start-up check: `auth.test` proves the bot token works and tells us who we are (bot user, bot id,
 * workspace), which the normalisers need to ignore our own messages and other workspaces.
 */
import type { SlackWebClient } from './send/web-client.ts';
import { platformCode } from './send/failure.ts';
import { describeError } from './logger.ts';

export interface SlackIdentity {
  botUserId: string;
  botId?: string;
  teamId: string;
  teamUrl?: string;
}

export class SlackStartupError extends Error {
  override readonly name = 'SlackStartupError';
}

const TOKEN_REJECTED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

export async function verifyBotToken(client: Pick<SlackWebClient, 'auth'>): Promise<SlackIdentity> {
  let result: Awaited<ReturnType<SlackWebClient['auth']['test']>>;
  try {
    result = await client.auth.test();
  } catch (error) {
    const code = platformCode(error);
    if (code && TOKEN_REJECTED.has(code)) throw new SlackStartupError(`SLACK_BOT_TOKEN was rejected by Slack (${code})`);
    throw new SlackStartupError(`Could not reach Slack to check SLACK_BOT_TOKEN: ${describeError(error)}`);
  }
  if (!result.user_id || !result.team_id) throw new SlackStartupError('auth.test did not return the bot user and workspace');
  return {
    botUserId: result.user_id,
    teamId: result.team_id,
    ...(result.bot_id && { botId: result.bot_id }),
    ...(result.url && { teamUrl: result.url }),
  };
}

/** What the normaliser needs to know about this bot's setup. */
export interface NormaliseOptions {
  /** `TELEGRAM_AGENT_CHAT_ID`; without it every group message is ignored. */
  agentChatId?: string;
  /** Agent messages starting with this stay internal notes. Default `//`. */
  notePrefix: string;
  /** The bot's own user id (from getMe), to recognise replies to its posts. */
  botId?: number;
  /** Used only when an update carries no date (button presses). */
  now: () => Date;
}

/** The surface name under which ticket <-> topic/post links are stored. */
export const AGENT_SURFACE = 'telegram-agents';

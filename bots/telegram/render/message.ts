/**
 * Styled runs -> the HTML texts of one or more Telegram messages, plus the keyboard that goes on the
 * last one. Parts that would be only whitespace are left out (Telegram refuses empty texts).
 */
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { runsToHtml, type Run } from './rich-text.ts';
import { splitRuns, TELEGRAM_TEXT_LIMIT } from './split.ts';

export interface RenderedMessage {
  /** HTML texts (parse_mode HTML), in sending order. Never empty. */
  parts: string[];
  /** Goes on the last part. */
  keyboard?: InlineKeyboardMarkup;
}

const EMPTY_PLACEHOLDER: Run = { text: '…' };

export function renderRuns(runs: readonly Run[], keyboard?: InlineKeyboardMarkup, limit = TELEGRAM_TEXT_LIMIT): RenderedMessage {
  const parts = splitRuns(runs, limit)
    .filter((part) => part.some((run) => run.text.trim() !== ''))
    .map(runsToHtml);
  const safeParts = parts.length ? parts : [runsToHtml([EMPTY_PLACEHOLDER])];
  return keyboard ? { parts: safeParts, keyboard } : { parts: safeParts };
}

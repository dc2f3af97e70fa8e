/** The core's button rows -> an inline keyboard. Buttons whose payload Telegram would refuse are dropped. */
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { ReplyButton } from '../../../core/model/messages.ts';
import { CALLBACK_DATA_MAX_BYTES } from '../agent-buttons.ts';

export interface RenderedKeyboard {
  markup?: InlineKeyboardMarkup;
  /** Buttons left out because their payload was empty or over 64 bytes; the sender logs them. */
  dropped: ReplyButton[];
}

export function renderKeyboard(rows: readonly ReplyButton[][] | undefined): RenderedKeyboard {
  const dropped: ReplyButton[] = [];
  const keyboard = (rows ?? [])
    .map((row) =>
      row.flatMap((button) => {
        const bytes = Buffer.byteLength(button.payload, 'utf8');
        if (bytes === 0 || bytes > CALLBACK_DATA_MAX_BYTES) {
          dropped.push(button);
          return [];
        }
        return [{ text: button.label.trim() || '…', callback_data: button.payload }];
      }),
    )
    .filter((row) => row.length > 0);
  return keyboard.length ? { markup: { inline_keyboard: keyboard }, dropped } : { dropped };
}

/**
 * OutboundReply -> Telegram HTML messages: the title in bold, then the text, all escaped; the core's
 * buttons as an inline keyboard on the last part.
 *
 * @example
 * renderReply({ title: 'VPN <setup>', text: 'Open Settings & ...', buttons: [[{ label: 'Helped', payload: 'fb:y' }]] })
 * // { parts: ['<b>VPN &lt;setup&gt;</b>\n\nOpen Settings &amp; ...'], keyboard: { inline_keyboard: [...] }, dropped: [] }
 */
import type { OutboundReply, ReplyButton } from '../../../core/model/messages.ts';
import { renderKeyboard } from './keyboard.ts';
import { renderRuns, type RenderedMessage } from './message.ts';
import type { Run } from './rich-text.ts';

export function renderReply(reply: OutboundReply): RenderedMessage & { dropped: ReplyButton[] } {
  const runs: Run[] = [];
  if (reply.title?.trim()) runs.push({ text: reply.title, style: 'b' }, { text: reply.text ? '\n\n' : '' });
  runs.push({ text: reply.text });
  const { markup, dropped } = renderKeyboard(reply.buttons);
  return { ...renderRuns(runs, markup), dropped };
}

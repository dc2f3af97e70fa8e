/** Renders replies for a terminal: title underlined, buttons as numbered choices. */
import type { OutboundReply } from '../../core/model/messages.ts';

export function renderForTerminal(reply: OutboundReply, firstChoice: number): { text: string; choices: string[] } {
  const lines: string[] = [];
  if (reply.title) lines.push(reply.title, '-'.repeat(Math.min(reply.title.length, 60)));
  lines.push(reply.text);
  const choices = reply.buttons?.flat() ?? [];
  choices.forEach((button, i) => lines.push(`  [${firstChoice + i}] ${button.label}`));
  return { text: lines.join('\n'), choices: choices.map((b) => b.payload) };
}

/**
 * Text as styled runs. Rendering escapes each run and wraps it in its own tag, so a split between
 * parts can never cut a tag or an entity (`&amp;`): splitting happens on the plain text, escaping after.
 */
export type RunStyle = 'b' | 'i';

export interface Run {
  text: string;
  style?: RunStyle;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

export function runsToHtml(runs: readonly Run[]): string {
  return runs.map((run) => (run.style ? `<${run.style}>${escapeHtml(run.text)}</${run.style}>` : escapeHtml(run.text))).join('');
}

export function plainLength(runs: readonly Run[]): number {
  return runs.reduce((sum, run) => sum + run.text.length, 0);
}

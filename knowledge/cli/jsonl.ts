/** Reads labelled JSONL files ({"text", "label", "answer"?} per line) for the eval and bench CLIs. */
import { readFileSync } from 'node:fs';
import type { LabelledExample } from '../engine/dataset.ts';

export function readLabelled(path: string): LabelledExample[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: LabelledExample[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (error) {
      throw new Error(`${path}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    const r = row as Partial<LabelledExample>;
    if (typeof r.text !== 'string' || typeof r.label !== 'string') {
      throw new Error(`${path}:${i + 1}: expected {"text": string, "label": string}`);
    }
    out.push(typeof r.answer === 'string' ? { text: r.text, label: r.label, answer: r.answer } : { text: r.text, label: r.label });
  });
  return out;
}

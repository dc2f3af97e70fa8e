/** The knowledge base reloads on file changes without a restart; a broken file is reported, not fatal. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveKnowledge } from '../../knowledge/live-knowledge.ts';
import { defaultArticlesDir } from '../../knowledge/loader/index.ts';

const ARTICLE = `---
id: badge-printer
title: Printing a new office access badge
category: security
type: service_request
language: en
tags: [badge]
examples:
  - my office access badge stopped opening the doors
  - how do I get a replacement door badge
  - lost my entry card for the building
  - the turnstile rejects my badge
  - need a new access card
  - badge reader beeps red
---
Go to reception on floor 1 with your ID; the badge is printed on the spot.
`;

async function eventually(check: () => boolean, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('live knowledge', () => {
  let dir: string | undefined;
  let live: LiveKnowledge | undefined;
  afterEach(async () => {
    await live?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('picks up a new article, and reports a broken one with its path and line while the rest keep working', async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontline-kb-'));
    cpSync(defaultArticlesDir(), dir, { recursive: true });
    const warnings: string[] = [];
    live = LiveKnowledge.load(dir, { info() {}, warn: (_d, message) => warnings.push(message) });
    const before = live.articleCount;
    expect(live.article('en/badge-printer')).toBeUndefined();
    live.watch({ debounceMs: 50 });

    writeFileSync(join(dir, 'en', 'badge-printer.md'), ARTICLE);
    await eventually(() => live!.article('en/badge-printer') !== undefined);
    expect(live.articleCount).toBe(before + 1);
    const hit = live.search('the turnstile does not accept my access badge', { language: 'en' }).hits[0];
    expect(hit?.articleKey).toBe('en/badge-printer');

    writeFileSync(join(dir, 'en', 'broken.md'), '---\nid: broken\ntitle: [unclosed\n---\nbody\n');
    await eventually(() => warnings.some((w) => w.includes('broken.md')));
    expect(warnings.find((w) => w.includes('broken.md'))).toMatch(/broken\.md:\d+/);
    expect(live.article('en/badge-printer')).toBeDefined();
    expect(live.articleCount).toBe(before + 1);
  });
});

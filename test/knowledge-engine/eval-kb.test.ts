/**
 * `npm run eval -- --kb DIR`: a knowledge base of Markdown articles, as the service loads it, measured
 * against labelled questions whose labels are article ids.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEvalArgs } from '../../knowledge/cli/args.ts';
import { evaluate } from '../../knowledge/cli/evaluate.ts';
import { articleText, makeTempDir, put, removeDir } from '../knowledge-loader/fixtures.ts';

const VPN = ['vpn does not connect', 'cannot reach the vpn from home', 'vpn keeps dropping'];
const PRINTER = ['printer is jammed', 'paper stuck in the printer', 'printer shows a paper jam'];
const MAIL = ['mailbox is full', 'cannot send mail, quota exceeded', 'my mailbox ran out of space'];
const WIFI = ['wifi password for guests', 'guest wireless network', 'visitors need internet access'];
const LAPTOP = ['laptop is very slow', 'computer takes ages to start', 'notebook freezes all the time'];

let dir: string;

beforeEach(async () => {
  dir = await makeTempDir();
  await put(dir, 'en/vpn.md', articleText({ id: 'vpn', title: 'VPN does not connect', examples: VPN }));
  await put(dir, 'ru/vpn.md', articleText({ id: 'vpn', language: 'ru', title: 'Не подключается VPN', examples: ['не подключается впн', 'впн отваливается'] }));
  await put(dir, 'en/printer.md', articleText({ id: 'printer', title: 'Paper jam', examples: PRINTER }));
  await put(dir, 'en/mail.md', articleText({ id: 'mail', title: 'Mailbox full', examples: MAIL }));
  await put(dir, 'en/wifi.md', articleText({ id: 'wifi', title: 'Guest Wi-Fi', examples: WIFI }));
  await put(dir, 'en/laptop.md', articleText({ id: 'laptop', title: 'Slow laptop', examples: LAPTOP }));
  await put(dir, 'en/broken.md', '---\nid: [unclosed\n---\nbody\n');
});

afterEach(async () => {
  await removeDir(dir);
});

async function questions(lines: Array<[string, string]>): Promise<string> {
  const path = join(dir, 'questions.jsonl');
  await writeFile(path, lines.map(([text, label]) => JSON.stringify({ text, label })).join('\n'));
  return path;
}

describe('eval over a knowledge-base directory', () => {
  it('builds from the articles, reports broken files and scores answers by article id', async () => {
    const test = await questions([
      ['the vpn is not connecting', 'vpn'],
      ['впн не подключается', 'vpn'],
      ['printer jammed again', 'printer'],
      ['my mailbox is full', 'mail'],
    ]);
    const warnings: string[] = [];
    const report = evaluate(parseEvalArgs(['--kb', dir, '--test', test]), (line) => warnings.push(line));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('broken.md');
    // Six files load (the VPN article in two languages), the broken one does not.
    expect(report.articles).toBe(6);
    expect(report.n).toBe(4);
    expect(report.rawTop1Accuracy).toBe(1);
  });

  it('holds out every n-th article id in all its languages; its questions become out of scope', async () => {
    // Ids in load order (en/ before ru/, files by name): laptop, mail, printer, vpn, wifi; every 4th is vpn.
    const test = await questions([
      ['the vpn is not connecting', 'vpn'],
      ['впн не подключается', 'vpn'],
      ['printer jammed again', 'printer'],
    ]);
    const report = evaluate(parseEvalArgs(['--kb', dir, '--test', test, '--holdout-every', '4']));
    expect(report.articles).toBe(4);
    expect(report.n).toBe(3);
    // The printer question is the only in-scope one left; both VPN questions are out of scope now.
    expect(report.rawTop1Accuracy).toBe(1);
    // And the engine, built without the VPN article, hands both off.
    expect(report.oosRecall).toBe(1);
  });

  it('warns about questions labelled with no article id (they can only count as misses)', async () => {
    const test = await questions([
      ['the vpn is not connecting', 'vpn'],
      ['the vpn is not connecting', 'en/vpn'],
      ['the vpn is not connecting', 'vpm'],
      ['what is the capital of peru', 'oos'],
    ]);
    const warnings: string[] = [];
    const report = evaluate(parseEvalArgs(['--kb', dir, '--test', test]), (line) => warnings.push(line));
    expect(warnings.filter((w) => !w.includes('broken.md'))).toEqual(['2 queries have labels no article has, counted as misses: "en/vpn", "vpm"']);
    expect(report.rawTop1Accuracy).toBeCloseTo(1 / 3);
  });

  it('fails clearly when the directory has no loadable article', async () => {
    const empty = await makeTempDir();
    try {
      const test = await questions([['anything', 'vpn']]);
      expect(() => evaluate(parseEvalArgs(['--kb', empty, '--test', test]))).toThrow(/no articles could be loaded/);
    } finally {
      await removeDir(empty);
    }
  });

  it('asks for --train or --kb', () => {
    expect(() => parseEvalArgs(['--test', 'x.jsonl'])).toThrow(/--kb DIR/);
  });
});

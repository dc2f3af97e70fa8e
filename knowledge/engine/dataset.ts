/**
 * Labelled examples ({text, label, answer?}) to articles: examples sharing a label become one article,
 * their texts its example questions, `answer` its body. Label `oos` marks out-of-scope questions and
 * never becomes an article.
 */
import type { Article } from '../types.ts';
import { detectLanguage } from './analysis/language.ts';

export interface LabelledExample {
  text: string;
  label: string;
  answer?: string;
}

export const OUT_OF_SCOPE = 'oos';

export function articlesFromLabelled(examples: ReadonlyArray<LabelledExample>): Article[] {
  const groups = new Map<string, LabelledExample[]>();
  for (const e of examples) {
    if (e.label === OUT_OF_SCOPE) continue;
    const group = groups.get(e.label) ?? [];
    group.push(e);
    groups.set(e.label, group);
  }
  return [...groups].map(([label, group]) => {
    const language = detectLanguage(group.map((e) => e.text).join(' ')).language;
    return {
      key: `${language}/${label}`,
      id: label,
      language,
      // Dataset labels are identifiers ("card_arrival"), not titles a user would type: leave empty. (Their
      // words as titles measured 90.76 / 89.82 development top-1 against 91.37 / 89.72: knowledge/cli/tune.ts.)
      title: '',
      body: group.find((e) => e.answer)?.answer ?? '',
      category: 'general',
      type: 'incident',
      tags: [],
      examples: group.map((e) => e.text),
    };
  });
}

/**
 * The two baselines the issue asks to beat, behind one tiny interface: natural's BayesClassifier and
 * MiniSearch full-text search over example questions. Loaded by file path so natural's entry point (and
 * its dotenv side effect) stays out of the process.
 */
import { createRequire } from 'node:module';
import MiniSearch from 'minisearch';
import type { LabelledExample } from '../engine/dataset.ts';

export interface Baseline {
  name: string;
  /** Best label for `text`, or undefined when the baseline has no answer. */
  predict(text: string): string | undefined;
}

interface NaturalBayes {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
}

const require = createRequire(import.meta.url);

export function trainBayes(train: ReadonlyArray<LabelledExample>): Baseline {
  const Bayes = require('natural/lib/natural/classifiers/bayes_classifier.js') as new () => NaturalBayes;
  const bayes = new Bayes();
  for (const e of train) bayes.addDocument(e.text, e.label);
  bayes.train();
  return { name: 'natural BayesClassifier', predict: (text) => bayes.classify(text) };
}

export function indexMiniSearch(train: ReadonlyArray<LabelledExample>): Baseline {
  const search = new MiniSearch<{ id: number; text: string; label: string }>({
    fields: ['text'],
    storeFields: ['label'],
    searchOptions: { fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  search.addAll(train.map((e, id) => ({ id, text: e.text, label: e.label })));
  return { name: 'MiniSearch (fuzzy)', predict: (text) => search.search(text)[0]?.label as string | undefined };
}

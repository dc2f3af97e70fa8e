/** Command-line options of `npm run eval`. */
import { parseArgs } from 'node:util';

export interface EvalArgs {
  /** Labelled JSONL files whose lines sharing a label form one article. */
  train: string[];
  /** A knowledge-base directory of Markdown articles (as the service loads), instead of or besides --train. */
  kb?: string;
  test: string;
  valid?: string;
  json: boolean;
  /** Every n-th label becomes out-of-scope (0 = off). */
  holdoutEvery: number;
  /** Cap on training lines after a seeded shuffle (0 = all), for latency runs at a fixed index size. */
  maxTrain: number;
}

export const EVAL_USAGE =
  'usage: npm run eval -- (--train FILE [--train FILE...] and/or --kb DIR) --test FILE [--valid FILE] [--json] ' +
  '[--holdout-every N] [--max-train N]';

export function parseEvalArgs(argv: string[]): EvalArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      train: { type: 'string', multiple: true },
      kb: { type: 'string' },
      test: { type: 'string' },
      valid: { type: 'string' },
      json: { type: 'boolean', default: false },
      'holdout-every': { type: 'string', default: '0' },
      'max-train': { type: 'string', default: '0' },
    },
    strict: true,
  });
  if ((!values.train?.length && !values.kb) || !values.test) throw new Error(EVAL_USAGE);
  const holdoutEvery = Number(values['holdout-every']);
  const maxTrain = Number(values['max-train']);
  if (!Number.isInteger(holdoutEvery) || holdoutEvery < 0 || holdoutEvery === 1) {
    throw new Error('--holdout-every must be 0 (off) or an integer >= 2');
  }
  if (!Number.isInteger(maxTrain) || maxTrain < 0) throw new Error('--max-train must be a non-negative integer');
  return {
    train: values.train ?? [],
    ...(values.kb ? { kb: values.kb } : {}),
    test: values.test,
    ...(values.valid ? { valid: values.valid } : {}),
    json: values.json ?? false,
    holdoutEvery,
    maxTrain,
  };
}

/**
 * The intent classifier: TF-IDF features -> (linear model ⊕ nearest neighbours) -> class probabilities.
 *
 * Why this mix (measured on BANKING77/HWU64, see knowledge/cli/eval.ts): the linear model over words,
 * word pairs and character n-grams is the strong lexical baseline; nearest neighbours add a vote from the
 * single closest example question, which helps rare phrasings, and an absolute similarity that the
 * confidence uses to notice questions unlike anything in the knowledge base.
 */
import { analyze } from '../analysis/analyze.ts';
import { DEFAULT_FEATURE_OPTIONS, featurize, type FeatureOptions } from '../features/featurize.ts';
import { Vectorizer, type GroupWeights } from '../features/vectorizer.ts';
import { DEFAULT_LINEAR_OPTIONS, softmaxInPlace, trainLinear, type LinearModel, type LinearOptions } from './linear.ts';
import { heldOutSplit, temperatureForAcceptance } from './calibrate.ts';
import { NeighbourIndex } from './neighbours.ts';

export interface ClassifierOptions {
  features: FeatureOptions;
  groupWeights: GroupWeights;
  linear: LinearOptions;
  /** Softmax temperatures turning linear scores and neighbour similarities into distributions. */
  linearTemperature: number;
  neighbourTemperature: number;
  /** Share of the linear model in the mixture; the rest goes to nearest neighbours. */
  linearShare: number;
  /** Up to this many training texts, fit the linear temperature on held-out examples (calibrate.ts). */
  selfCalibrateBelow: number;
  /** The engine's answer threshold and the share of right held-out answers it should accept. */
  calibrationThreshold: number;
  acceptShare: number;
}

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  groupWeights: { w: 1, b: 1, c: 1 },
  linear: DEFAULT_LINEAR_OPTIONS,
  // Chosen on held-out labels of the BANKING77/HWU64 train splits (never their test files): the hinge
  // model's scores have margin 1, so 0.3 spreads them into usable probabilities.
  linearTemperature: 0.3,
  neighbourTemperature: 0.05,
  linearShare: 0.85,
  selfCalibrateBelow: 3000,
  calibrationThreshold: 0.5,
  // What threshold 0.5 at temperature 0.3 accepts on held-out BANKING77/HWU64 train examples.
  acceptShare: 0.92,
};

export interface Prediction {
  /** Mixture distribution over classes. */
  probs: Float64Array;
  /** Best cosine similarity to an example of each class. */
  similarity: Float64Array;
  /** Best cosine similarity to any example. */
  maxSimilarity: number;
}

export class IntentClassifier {
  private constructor(
    private readonly options: ClassifierOptions,
    private readonly vectorizer: Vectorizer,
    private readonly linear: LinearModel,
    private readonly neighbours: NeighbourIndex,
    readonly classes: number,
  ) {}

  /** Trains on `texts[i]` labelled `labels[i]` in [0, classes). Deterministic for a given seed. */
  static train(
    texts: ReadonlyArray<string>,
    labels: ReadonlyArray<number>,
    classes: number,
    options: ClassifierOptions = DEFAULT_CLASSIFIER_OPTIONS,
    /** Which texts are example questions (only those are held out for calibration); default all. */
    exampleMask: ReadonlyArray<boolean> = texts.map(() => true),
  ): IntentClassifier {
    const docs = texts.map((t) => featurize(analyze(t), options.features));
    let tuned = options;
    if (texts.length < options.selfCalibrateBelow) {
      const split = heldOutSplit(labels, exampleMask);
      const pick = <T>(items: ReadonlyArray<T>, idx: number[]): T[] => idx.map((i) => items[i]!);
      const fold = IntentClassifier.fit(pick(docs, split.trainIdx), pick(labels, split.trainIdx), classes, options);
      const held = split.heldIdx.map((i) => {
        const { scores, similarity } = fold.components(docs[i]!);
        return { label: labels[i]!, probabilitiesAt: (t: number) => fold.mix(scores, similarity, t) };
      });
      const temperature = temperatureForAcceptance(
        held,
        options.calibrationThreshold,
        options.acceptShare,
        options.linearTemperature,
      );
      tuned = { ...options, linearTemperature: temperature };
    }
    return IntentClassifier.fit(docs, labels, classes, tuned);
  }

  private static fit(
    docs: ReadonlyArray<Map<string, number>>,
    labels: ReadonlyArray<number>,
    classes: number,
    options: ClassifierOptions,
  ): IntentClassifier {
    const vectorizer = Vectorizer.fit(docs, options.groupWeights);
    const xs = docs.map((d) => vectorizer.transform(d));
    const linear = trainLinear(xs, labels, classes, vectorizer.size, options.linear);
    const neighbours = new NeighbourIndex(xs, labels, vectorizer.size, classes);
    return new IntentClassifier(options, vectorizer, linear, neighbours, classes);
  }

  /** The linear temperature in use (fitted on the base itself when it is small). */
  get temperature(): number {
    return this.options.linearTemperature;
  }

  private components(doc: Map<string, number>): { scores: Float64Array; similarity: Float64Array } {
    const x = this.vectorizer.transform(doc);
    return { scores: this.linear.scores(x), similarity: Float64Array.from(this.neighbours.classSimilarity(x)) };
  }

  private mix(scores: Float64Array, similarity: Float64Array, temperature: number): Float64Array {
    const linear = softmaxInPlace(Float64Array.from(scores), temperature);
    const knn = softmaxInPlace(Float64Array.from(similarity), this.options.neighbourTemperature);
    const a = this.options.linearShare;
    for (let j = 0; j < this.classes; j += 1) linear[j] = a * linear[j]! + (1 - a) * knn[j]!;
    return linear;
  }

  predict(text: string): Prediction {
    const { scores, similarity } = this.components(featurize(analyze(text), this.options.features));
    const probs = this.mix(scores, similarity, this.options.linearTemperature);
    let maxSimilarity = 0;
    for (let j = 0; j < this.classes; j += 1) maxSimilarity = Math.max(maxSimilarity, similarity[j]!);
    return { probs, similarity, maxSimilarity };
  }
}

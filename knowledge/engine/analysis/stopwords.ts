/**
 * Stop words for retrieval over article text. The classifier keeps them: in support questions words such
 * as "why", "how", "не" and "can't" often decide the intent ("why was my card declined" vs "how do I get
 * a card").
 */
import { createRequire } from 'node:module';
import { foldText } from './normalize.ts';

const require = createRequire(import.meta.url);
const en = require('natural/lib/natural/util/stopwords.js') as { words: string[] };
const ru = require('natural/lib/natural/util/stopwords_ru.js') as { words: string[] };

// Chat filler that the library lists lack.
const EXTRA = ['please', 'hi', 'hello', 'thanks', 'пожалуйста', 'привет', 'здравствуйте', 'спасибо', 'подскажите'];

// natural's Russian list (137 entries, a third of them single letters and digits) lacks most function
// words that its English list has: "не", "почему", "какие", "меня", "это", "можно", "ещё". Counted as
// content words, they made any Russian question look half known to every base (coverage.ts): "мой кот
// третий день ничего не ест" had 0.66 of its words "known" on a telecom base. Pronouns, prepositions,
// particles, conjunctions, question words and modal words, in the forms chat messages use. "не" and "нет"
// are here too, as "not" is for coverage's purpose: every base has them, so they say nothing about whether
// it knows the question's subject (the classifier keeps them: "нет интернета" is a symptom).
const EXTRA_RU = (
  'не ни нет да же ли ль бы ж вот ну уж ведь вон разве неужели лишь только ещё уже даже вообще просто ' +
  'почему зачем отчего когда куда откуда сколько какой какая какое какие каких каким какую каком ' +
  'чей чья чьё чьи чтото както гдето ктото чтонибудь какнибудь ' + // tokenize.ts drops the hyphen
  'меня мне мной тебя тебе тобой его ему им ним него нему нём её ей ней неё нею нас нам нами вас вам вами их ими них ' +
  'она они оно вы себя себе собой сам сама само сами самой ' +
  'мой моя моё мои моего моей моих моим моему мою ' +
  'твой твоя твоё твои наш наша наше наши нашего нашей наших ваш ваша ваше ваши вашего вашей ваших ' +
  'свой своя своё свои своего своей своих своим свою ' +
  'это эта эти этого этой этих этим этом эту тот та то те того той тех тем том ту ' +
  'такой такая такое такие так-то весь вся всё все всего всей всех всем всеми ' +
  'который которая которое которые которого которой которых которым ' +
  'у к ко по про при без со об обо изо ото надо подо перед передо около возле вокруг ради сквозь ' +
  'чтобы чтоб потому поэтому тогда тут туда сюда оттуда отсюда либо зато хотя хоть если ' +
  'был была было были будет будут буду будем будешь есть ' +
  'можно нельзя нужно хочу хотим хотите хочет хотела могу можешь можете может могут ' +
  'очень тоже также чем чему чего кому кого кем ком ничего никто никого нигде никогда никак ничем'
).split(' ');

const STOP_WORDS: ReadonlySet<string> = new Set(
  [...en.words, ...ru.words, ...EXTRA, ...EXTRA_RU].map((w) => foldText(w).replace(/['’]/g, '')),
);

export function isStopWord(foldedToken: string): boolean {
  return STOP_WORDS.has(foldedToken);
}


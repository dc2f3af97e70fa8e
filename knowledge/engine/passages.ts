/**
 * An article body as training passages: its sentences and list items. Users describe their problem in
 * the words the article uses ("GlobalProtect says authentication failed", "my FollowMe job is not in the
 * list"), and example questions never cover all of them; each passage teaches the models that vocabulary
 * for its article.
 *
 * Measured on knowledge/eval/starter-heldout.jsonl (392 help-desk questions for the starter base, written
 * from article titles and bodies without their example questions; 126 of them out of scope), right and
 * confident answers: 76.7% without the body, 78.6% with the whole body as one text, 86.5% with passages
 * of 20+ letters; out-of-scope questions handed off: 89.7%, 89.7%, 88.1%. On starter-heldout-2.jsonl
 * (290 chat messages by an author who saw only titles and first lines, written after this choice):
 * 84.7% -> 89.5% right and confident, 100% -> 96% handed off. Variants within a few points of these
 * (passages of 12+ letters, dropping sentences found in several articles, fewer per article) traded
 * answers for hand-offs without a clear winner. The price: a word every instruction uses ("install",
 * "restart") now points at several articles, so a question made of little else is answered less
 * confidently (test/knowledge-engine/starter-real-questions.test.ts says which).
 */

// Sentence ends and line breaks split a body; markdown list markers and links are left to the tokeniser.
const BREAK = /\n+|(?<=[.!?])\s+/;
// Shorter pieces are headings, step numbers, bare links or short steps that carry no topic of their own.
const MIN_LETTERS = 20;
const LETTER = /\p{L}/gu;
const URL_LIKE = /\S+:\/\/\S+/g;
// Bounds the build of a base with very long articles (it grows with the number of training texts): the
// first passages hold the symptom and the main fix. The starter base's articles have 8-13 passages.
export const MAX_PASSAGES = 24;

export function bodyPassages(body: string): string[] {
  return body
    .split(BREAK)
    .filter((piece) => (piece.replace(URL_LIKE, '').match(LETTER)?.length ?? 0) >= MIN_LETTERS)
    .slice(0, MAX_PASSAGES);
}

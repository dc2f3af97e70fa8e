/**
 * Row ids for rows written with hand-written SQL, in the shape of Prisma's `cuid()` (c + time + counter +
 * fingerprint + random, 25 characters). Strictly increasing within a process, so rows of one turn that
 * share a `createdAt` still sort in insertion order by `[createdAt, id]`, as Prisma's ids did.
 */
const BASE = 36;
const COUNTER_SPACE = BASE ** 4;
const fingerprint = (process.pid % BASE ** 2).toString(BASE).padStart(2, '0') + Math.floor(Math.random() * BASE ** 2).toString(BASE).padStart(2, '0');
let lastTime = 0;
let counter = 0;

/** Uniqueness comes from time, counter and fingerprint; the random block only spreads ids (not a secret). */
function randomBlock(): string {
  return Math.floor(Math.random() * BASE ** 8).toString(BASE).padStart(8, '0');
}

export function newId(): string {
  const now = Date.now();
  if (now > lastTime) {
    lastTime = now;
    counter = 0;
  } else if (++counter >= COUNTER_SPACE) {
    lastTime += 1;
    counter = 0;
  }
  return `c${lastTime.toString(BASE).padStart(8, '0')}${counter.toString(BASE).padStart(4, '0')}${fingerprint}${randomBlock()}`;
}

/**
 * Maps a field path from a schema error (e.g. `['examples', 2]`) back to a line in the file, so the author
 * is pointed at the line to fix rather than just at the file.
 */

/**
 * @param lines the file's lines; line 0 is the opening `---`
 * @param frontMatterEnd index of the closing `---` line (or `lines.length` when it is missing)
 * @returns 1-based line number; the opening `---` line (1) when the field cannot be found (e.g. it is missing)
 */
export function lineOfField(
  lines: readonly string[],
  frontMatterEnd: number,
  path: readonly PropertyKey[],
): number {
  const [key, index] = path;
  if (typeof key !== 'string') return 1;
  const keyPattern = new RegExp(`^${escapeRegExp(key)}\\s*:`);
  const keyLine = findIndex(lines, 1, frontMatterEnd, (line) => keyPattern.test(line));
  if (keyLine === -1) return 1;
  if (typeof index !== 'number') return keyLine + 1;

  // Block-style list: count `- item` lines until the next top-level key. Flow style ([a, b]) stays on keyLine.
  let seen = -1;
  for (let i = keyLine + 1; i < frontMatterEnd; i++) {
    const line = lines[i] ?? '';
    if (/^\S/.test(line) && !line.startsWith('#')) break;
    if (/^\s*-(\s|$)/.test(line) && ++seen === index) return i + 1;
  }
  return keyLine + 1;
}

/** Index of the closing `---` of the front matter, or `lines.length` when there is none. */
export function frontMatterEndIndex(lines: readonly string[]): number {
  const end = findIndex(lines, 1, lines.length, (line) => /^---\s*$/.test(line));
  return end === -1 ? lines.length : end;
}

function findIndex(lines: readonly string[], from: number, to: number, test: (line: string) => boolean): number {
  for (let i = from; i < to; i++) if (test(lines[i] ?? '')) return i;
  return -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

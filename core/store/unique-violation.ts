/** Prisma reports a unique constraint violation as P2002; concurrent inserts treat it as "already there". */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (code === 'P2002') return true;
  // Driver adapters sometimes surface the database's own error text.
  const message = String((error as { message?: unknown }).message ?? '');
  return /UNIQUE constraint failed|duplicate key value violates unique constraint/i.test(message);
}

/**
 * Inserts and updates of whole rows as hand-written SQL (see sql.ts for why): one statement for many rows,
 * values converted the way Prisma stores them (timestamps per provider). Columns with Prisma-side defaults
 * (`@default(cuid())`, `@updatedAt`) must be given explicitly.
 */
import type { Provider } from './database.ts';
import { Sql, dbTime, providerOfClient, type Runner } from './sql.ts';

export type Row = Record<string, unknown>;

function param(provider: Provider, value: unknown): unknown {
  if (value instanceof Date) return dbTime(provider, value);
  if (value === undefined) return null;
  if (typeof value === 'boolean' && provider === 'sqlite') return value ? 1 : 0;
  return value;
}

const quote = (column: string): string => `"${column}"`;

/** One multi-row `INSERT`; every row must have the columns of the first. */
export async function insertRows(runner: Runner, table: string, rows: readonly Row[], provider: Provider = providerOfClient(runner)): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map((c) => (params.push(param(provider, row[c])), '?')).join(', ')})`);
  await new Sql(provider).execute(runner, `INSERT INTO "${table}" (${columns.map(quote).join(', ')}) VALUES ${tuples.join(', ')}`, ...params);
}

/** `UPDATE .. SET .. WHERE "id" = ?` with the given columns (undefined ones are left out). */
export async function updateRow(runner: Runner, table: string, id: string, set: Row, provider: Provider = providerOfClient(runner)): Promise<void> {
  const columns = Object.keys(set).filter((c) => set[c] !== undefined);
  if (columns.length === 0) return;
  const params = columns.map((c) => param(provider, set[c]));
  await new Sql(provider).execute(runner, `UPDATE "${table}" SET ${columns.map((c) => `${quote(c)} = ?`).join(', ')} WHERE "id" = ?`, ...params, id);
}

/**
 * `SELECT * FROM "<table>" WHERE <column> = ? AND ...`: the first row, or null. Prisma maps the columns of
 * a whole-table raw select to the model's types on both providers (DateTime -> Date, Boolean -> boolean),
 * so the result has the model's shape. For lookups by a unique key.
 */
export async function findRow<T>(runner: Runner, table: string, where: Row, provider: Provider = providerOfClient(runner)): Promise<T | null> {
  const columns = Object.keys(where);
  const rows = await new Sql(provider).query<T>(
    runner,
    `SELECT * FROM "${table}" WHERE ${columns.map((c) => `${quote(c)} = ?`).join(' AND ')} LIMIT 1`,
    ...columns.map((c) => param(provider, where[c])),
  );
  return rows[0] ?? null;
}

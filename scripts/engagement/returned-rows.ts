/** The rows of an `INSERT … RETURNING` run through knex.raw: an array from better-sqlite3, `{ rows }` from pg. */
export const returnedRows = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

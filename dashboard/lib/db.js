// Database access for the data loaders: one query, rows as JSON.
// Connects with the PG* environment variables (PGHOST, PGPORT, PGDATABASE,
// PGUSER, PGPASSWORD), as psql does.  numeric values stay strings, so that
// amounts keep every cent (a JavaScript number has 15-17 significant digits);
// int8 (identifiers) stays a string too; dates are kept as 'YYYY-MM-DD'
// strings instead of becoming local midnights.
import pg from "pg";

const DATE = 1082;
pg.types.setTypeParser(DATE, (value) => value);

// Runs one query and returns its rows
export async function query(sql, params = []) {
  const client = new pg.Client();
  await client.connect();
  try {
    await client.query("SET search_path = pg_catalog");
    const result = await client.query(sql, params);
    return result.rows;
  } finally {
    await client.end();
  }
}

// Writes a value as the loader's JSON output
export function emit(value) {
  process.stdout.write(JSON.stringify(value));
}

/**
 * A throwaway database for a bench that writes: created in the PostgreSQL server BENCH_DATABASE_URL names and dropped
 * after, so a bench never writes into the database the URL names (a kept city, or CI's). Null for the embedded PGlite,
 * which the bench runs in a temporary directory instead.
 */
import pg from 'pg';

export async function throwawayPostgres(prefix: string): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = process.env.BENCH_DATABASE_URL;
  if (!admin) return null;
  const name = `yingji_${prefix}_${Date.now()}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

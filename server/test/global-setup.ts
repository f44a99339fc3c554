import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client';
import { createServices } from '../src/modules';

/**
 * Migrates one database once per run (with Zhongshan's divisions loaded) and hands every test file a copy:
 * a PGlite dump by default, a PostgreSQL template database when YINGJI_TEST_DATABASE_URL is set.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.YINGJI_TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `yingji_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const url = new URL(serverUrl);
    url.pathname = `/${template}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    await database.migrate();
    await createServices({ db: database.db, clock: () => new Date() }).modules.org.users.ensureDivisions('4420');
    await database.close();
    project.provide('testDatabase', { kind: 'postgres', serverUrl, template });
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  await database.migrate();
  await createServices({ db: database.db, clock: () => new Date() }).modules.org.users.ensureDivisions('4420');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-test-')), 'template.tar');
  fs.writeFileSync(file, await database.dumpDataDir!());
  await database.close();
  // Each file's copy runs on the test's own thread: the worker thread the server puts it in by default is a transport
  // (server/src/db/pglite-thread.ts) whose answers, errors and transactions pglite-thread.test.ts holds equal to these,
  // and every browser journey on the embedded database runs through it. Through the thread the same files cost a
  // quarter more CPU (a message per query both ways and a thread per copy); YINGJI_PGLITE_WORKER=1 runs them so.
  project.provide('testDatabase', { kind: 'pglite', dumpFile: file, worker: process.env.YINGJI_PGLITE_WORKER === '1' });
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { kind: 'pglite'; dumpFile: string; worker: boolean } | { kind: 'postgres'; serverUrl: string; template: string };
  }
}

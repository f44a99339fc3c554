import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from './server';

/**
 * On the embedded database, creating a PGlite cluster and migrating it takes about five seconds of every journey's
 * server start. It is done once per run here (`yingji migrate` on an empty data folder, which also loads the
 * divisions); each journey's server then starts on a copy of that folder (`startServer`). A journey on PostgreSQL
 * gets a fresh database from the server instead, which is already quick.
 */
export default async function setup(project: TestProject) {
  if (process.env['YINGJI_TEST_DATABASE_URL']) return;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'yingji-e2e-template-'));
  const env: NodeJS.ProcessEnv = { ...process.env, YINGJI_DATA_DIR: dataDir, YINGJI_LOG_LEVEL: 'warn' };
  delete env['DATABASE_URL'];
  const output = await new Promise<string>((resolve, reject) => {
    let text = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'migrate'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`yingji migrate 失败（退出码 ${code}）：\n${text}`))));
  });
  if (!/数据库迁移完成/.test(output)) throw new Error(`yingji migrate 没有完成：\n${output}`);
  project.provide('e2eDataTemplate', dataDir);
  return () => rm(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated embedded data folder each journey's server starts from a copy of (unset on PostgreSQL). */
    e2eDataTemplate?: string;
  }
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TDataDirLock {
  release(): void;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Holds `<dataDir>/yingji.lock` so that only one process opens an embedded database folder: PGlite has no
 * locking of its own and two writers would corrupt it. A lock left by a process that is gone is taken over.
 */
export function lockDataDir(dataDir: string): TDataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'yingji.lock');
  const body = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, body, { flag: 'wx' });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            const held = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: number };
            if (held.pid === process.pid) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let held: { pid?: number; host?: string; since?: string } = {};
      try {
        held = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        // unreadable: treat as stale
      }
      const sameHost = held.host === undefined || held.host === os.hostname();
      if (typeof held.pid === 'number' && (!sameHost || isAlive(held.pid))) {
        throw new Error(
          `数据目录 ${dataDir} 正被另一个 Yingji 进程使用（PID ${held.pid}，主机 ${held.host ?? '未知'}，自 ${held.since ?? '未知'} 起）。` +
            '内置数据库同一时间只能由一个进程打开，请先停止那个进程，或用 YINGJI_DATA_DIR 指定另一个目录。',
          { cause: e },
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`无法锁定数据目录 ${dataDir}`);
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface TMachine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverage: number;
  /** The commit measured, `+` when the work tree had changes. */
  commit: string;
}

/** What the figures were measured on: CPU model, cores, memory, Node version. */
export function machineInfo(): TMachine {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const model = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (model?.[1]) cpu = model[1].trim();
  } catch {
    // not Linux: keep os.cpus()
  }
  return {
    cpu,
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
    commit: gitCommit(),
  };
}

function gitCommit(): string {
  try {
    const run = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return run('rev-parse', '--short', 'HEAD') + (run('status', '--porcelain') ? '+' : '');
  } catch {
    return 'unknown';
  }
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Fields of /proc/<pid>/stat after the command name (which is in parentheses and may contain spaces). */
function statFields(pid: number): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The parent of a process. */
export const parentPid = (pid: number): number => Number(statFields(pid)[1]);

/**
 * CPU time (user + system, all threads) a process has used so far, in milliseconds, from
 * /proc/<pid>/stat: it counts argon2's and libuv's worker threads too, and nothing of the
 * load generator, which runs in another process.
 */
export function processCpuMs(pid: number, { reapedChildren = false } = {}): number {
  const fields = statFields(pid);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  // cutime and cstime: the CPU of children that ended and were waited for (a PostgreSQL backend that closed)
  const children = reapedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
  return ((utime + stime + children) * 1000) / CLOCK_TICKS_PER_SECOND;
}

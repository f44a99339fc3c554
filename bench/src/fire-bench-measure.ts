/**
 * What the forest-fire ingestion bench (fire-ingest-bench.ts) measures besides wall time: CPU by thread of this
 * process (Linux /proc/self/task), percentiles, and the process's memory split by where it lives, so a rise in RSS
 * can be put on the JavaScript heap, on the embedded database's WebAssembly memory, or elsewhere.
 */
import fs from 'node:fs';

/** CPU ms used so far by each thread of this process (Linux: /proc/self/task), the main thread under its pid. */
export function threadCpu(): Map<number, number> {
  const out = new Map<number, number>();
  const tick = 1000 / 100; // USER_HZ
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), (Number(f[11]) + Number(f[12])) * tick);
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** Per-unit CPU of the main thread, the busiest other thread and all the others, since `before`. */
export function cpuSplit(before: Map<number, number>, units: number): string {
  const after = threadCpu();
  const used = [...after].map(([tid, ms]) => ({ tid, ms: ms - (before.get(tid) ?? 0) }));
  const main = used.find((u) => u.tid === process.pid)?.ms ?? 0;
  const others = used.filter((u) => u.tid !== process.pid).sort((a, b) => b.ms - a.ms);
  const rest = others.reduce((a, u) => a + u.ms, 0);
  return `main thread (HTTP server and client) ${r1(main / units)}, busiest other thread ${r1((others[0]?.ms ?? 0) / units)}, all other threads ${r1(rest / units)}`;
}

export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
export const r1 = (x: number): number => Math.round(x * 10) / 10;
const mib = (kb: number) => Math.round(kb / 1024);

/**
 * The process's resident memory by kind, in MiB, from /proc/self/status and /proc/self/smaps: anonymous and
 * file-backed RSS, malloc's main heap ([heap]), compiled code, and the WebAssembly memories. V8 reserves each WebAssembly memory as
 * one address range of several GiB and opens its first part read-write as the memory grows, so a read-write mapping
 * that ends where an inaccessible one of 4 GiB or more begins is a WebAssembly memory: its size is the memory's current
 * size (which never shrinks) and its Rss the part touched. The largest is PGlite's PostgreSQL when embedded; the
 * others are small modules (password hashing and the like).
 */
export function residentByKind() {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  const maps: { start: bigint; end: bigint; perms: string; name: string; rss: number }[] = [];
  for (const line of fs.readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const range = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (range) maps.push({ start: BigInt(`0x${range[1]}`), end: BigInt(`0x${range[2]}`), perms: range[3]!, name: range[4]!, rss: 0 });
    else if (line.startsWith('Rss:') && maps.length) maps[maps.length - 1]!.rss = Number(/(\d+)/.exec(line)![1]);
  }
  const memories: { size: number; rss: number }[] = [];
  for (let i = 1; i < maps.length; i++) {
    const guard = maps[i]!;
    const memory = maps[i - 1]!;
    if (guard.perms !== '---p' || guard.end - guard.start < 4n * 2n ** 30n) continue;
    if (memory.end !== guard.start || !memory.perms.startsWith('rw')) continue;
    memories.push({ size: Number((memory.end - memory.start) / 1024n), rss: memory.rss });
  }
  memories.sort((a, b) => b.size - a.size);
  const others = memories.slice(1).reduce((a, m) => a + m.rss, 0);
  return {
    anon: mib(kb('RssAnon')),
    file: mib(kb('RssFile')),
    mallocHeap: mib(maps.filter((m) => m.name === '[heap]').reduce((a, m) => a + m.rss, 0)),
    /** Anonymous executable mappings: code compiled by V8 (JavaScript and WebAssembly). */
    code: mib(maps.filter((m) => m.name === '' && m.perms.includes('x')).reduce((a, m) => a + m.rss, 0)),
    /** The largest WebAssembly memory (PGlite's when embedded): resident, and its current size. */
    wasm: mib(memories[0]?.rss ?? 0),
    wasmSize: mib(memories[0]?.size ?? 0),
    /** The other WebAssembly memories, resident, and how many. */
    wasmOthers: mib(others),
    wasmMemories: memories.length,
  };
}

import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH, verifyChain, type TChainedFields } from './audit.rules';

const entry = (id: number, after: unknown = { n: id }): TChainedFields => ({
  id,
  at: `2026-01-01T00:00:0${id % 10}.000Z`,
  actorId: 1,
  actorName: '管理员',
  action: 'update',
  entity: 'user',
  entityId: String(id),
  before: null,
  after,
  clientAddress: '127.0.0.1',
  divisionCode: '4420',
});

function chain(n: number) {
  const out: (TChainedFields & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = entry(i);
    prev = chainHash(prev, e);
    out.push({ ...e, hash: prev });
  }
  return out;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
  it('is the same for equal values in any key order', () => {
    expect(canonicalJson({ x: 1, y: '中' })).toBe(canonicalJson({ y: '中', x: 1 }));
  });
});

describe('hash chain', () => {
  it('verifies an intact chain', () => {
    expect(verifyChain(chain(5))).toMatchObject({ ok: true, count: 5, lastId: 5 });
  });

  it('finds an edited entry', () => {
    const c = chain(5);
    c[2] = { ...c[2]!, after: { n: 999 } };
    expect(verifyChain(c)).toMatchObject({ ok: false, problem: { id: 3, reason: expect.stringContaining('被修改') } });
  });

  it('finds a deleted entry', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(verifyChain(c)).toMatchObject({ ok: false, problem: { id: 3, reason: expect.stringContaining('缺少第 2 条') } });
  });

  it('finds reordered entries', () => {
    const c = chain(5);
    [c[1], c[2]] = [c[2]!, c[1]!];
    expect(verifyChain(c).ok).toBe(false);
  });

  it('finds an entry whose hash was recomputed without its successors', () => {
    const c = chain(5);
    const edited = { ...entry(2), after: { n: 'forged' } };
    c[1] = { ...edited, hash: chainHash(c[0]!.hash, edited) };
    expect(verifyChain(c)).toMatchObject({ ok: false, problem: { id: 3 } });
  });

  it('continues from a checkpoint', () => {
    const c = chain(6);
    const first = verifyChain(c.slice(0, 3));
    if (!first.ok) throw new Error('expected ok');
    expect(verifyChain(c.slice(3), { previousHash: first.lastHash, previousId: first.lastId })).toMatchObject({ ok: true, lastId: 6 });
  });
});

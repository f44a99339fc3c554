import { runDraw, verifyDraw, type TDrawInputs } from '@yingji/domain';

/**
 * The double-random draw over the whole city, end to end over HTTP as a bureau officer and a leader would run it
 * (plan → approval → commitment → draw → verification), and the pure draw function timed on the very inputs the
 * server froze: the figure is the draw over all 38,508 firms ≤ 200 ms, reproduced exactly on verification.
 */
export async function timeDraw(
  baseUrl: string,
  login: (username: string) => Promise<string>,
  accounts: { officer: string; leader: string },
) {
  const officer = await login(accounts.officer);
  const leader = await login(accounts.leader);
  const call = async <T>(cookie: string, method: string, path: string, body?: unknown): Promise<{ ms: number; json: T }> => {
    const t0 = performance.now();
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json', origin: baseUrl }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T & { message?: string };
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${json.message}`);
    return { ms: performance.now() - t0, json };
  };
  const year = new Date().getFullYear();
  const plan = await call<{ id: number }>(officer, 'POST', '/api/inspection-plans', {
    year,
    title: `${year}年度全市安全生产双随机抽查计划（基准测试）`,
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    focus: '全市在管企业',
    pool: { categories: [], tags: [], towns: [], colours: [] },
    ratios: { red: 1, orange: 1, yellow: 0.5, blue: 0.3, none: 0.02 },
    inspectorsPerTarget: 2,
    rounds: 1,
  });
  await call(leader, 'POST', `/api/inspection-plans/${plan.json.id}/approve`, {});
  const commit = await call<{ id: number; candidateCount: number }>(officer, 'POST', `/api/inspection-plans/${plan.json.id}/draws`, {
    label: '基准测试抽取',
  });
  const execute = await call<{ targetCount: number }>(officer, 'POST', `/api/draws/${commit.json.id}/execute`, {});
  const verify = await call<{ ok: boolean; problem: string | null; targets: number }>(
    officer,
    'GET',
    `/api/draws/${commit.json.id}/verify`,
  );
  if (!verify.json.ok) throw new Error(`the draw did not verify: ${verify.json.problem}`);
  const inputs = (await call<TDrawInputs>(officer, 'GET', `/api/draws/${commit.json.id}/inputs`)).json;
  // The pure function on the frozen inputs, best of five (the first run warms the JIT), and the reproduction checked.
  let best = Infinity;
  let targets = 0;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    const result = runDraw(inputs.seed!, inputs.candidates, inputs.inspectors, inputs.params);
    best = Math.min(best, performance.now() - t0);
    if (!result.ok) throw new Error(`the draw refused: ${result.refusal.message}`);
    targets = result.targets.length;
  }
  const t0 = performance.now();
  const check = verifyDraw({ ...inputs, seed: inputs.seed!, inspectors: inputs.inspectors });
  const verifyMs = performance.now() - t0;
  if (!check.ok) throw new Error(`verifyDraw: ${check.problem}`);
  const detail =
    `${inputs.candidates.length.toLocaleString('en')} candidates, ${inputs.inspectors.length} inspectors, ${targets.toLocaleString('en')} targets: ` +
    `runDraw ${best.toFixed(0)} ms (best of 5), verifyDraw (hashes + rerun + compare) ${verifyMs.toFixed(0)} ms, identical; ` +
    `over HTTP: commit ${commit.ms.toFixed(0)} ms, execute ${execute.ms.toFixed(0)} ms, verify ${verify.ms.toFixed(0)} ms`;
  console.log(`[bench] draw: ${detail}`);
  return { name: 'double-random draw over the whole city (pure function; HTTP steps in the detail)', seconds: best / 1000, detail };
}

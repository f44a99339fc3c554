import { AppError } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TDrawService } from './draw.service';

/**
 * `yingji draw-verify <drawId>`: reruns a stored draw from its frozen inputs and compares. Exit 0 "验证通过";
 * 2 naming the first difference (seed against commitment, list hashes, then target by target); 1 for bad input.
 */
export async function drawVerify(
  db: Db,
  draws: TDrawService,
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const id = Number(args[0]);
  if (!Number.isInteger(id) || id <= 0) {
    err('请给出抽取编号：draw-verify <抽取编号>');
    return 1;
  }
  const found = await draws.verify(db, id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found') return null;
    throw e;
  });
  if (!found) {
    err(`抽取记录 ${id} 不存在`);
    return 1;
  }
  const result = found;
  if (result.ok) {
    out(`抽取 ${id} 验证通过：种子与承诺值相符，名录哈希相符，复算得到的 ${result.targets} 家企业及执法人员与记录一致`);
    return 0;
  }
  err(`抽取 ${id} 验证失败：${result.problem}`);
  return 2;
}

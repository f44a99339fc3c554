import fs from 'node:fs';
import path from 'node:path';
import { AppError, ZUsernameSchema } from '@yingji/domain';
import { loadConfig } from './config';
import { openDatabase, type TDatabase } from './db/client';
import { backupTo, restoreFrom } from './db/backup';
import { createServices } from './modules';
import { drawVerify } from './modules/inspection/planning/draw-verify';
import { parseSimulateArgs, simulate } from './modules/fire/fire-simulate';
import { rollupDrift } from './modules/rollup/rollup.repo';
import { rebuildRollups } from './modules/rollup/rollup.sql';
import * as orgRepo from './modules/org/org.repo';
import { hashPassword, newOneTimePassword } from './shared/passwords';
import { systemClock, type TRequestContext } from './shared/context';

const USAGE = `用法：npm run yingji -- <命令> [参数]

  migrate                 应用数据库迁移
  create-admin [用户名]    新建一个市级管理员（默认 admin），打印一次性密码
  reset-password <用户名>  重置密码并打印一次性密码（首次登录须修改），同时解除锁定
  audit-verify            校验审计日志哈希链；完整时退出码 0，否则非 0 并指出第一条问题记录
  backup <文件>            备份全部数据到文件（gzip 压缩的 JSON 行，内置库与 PostgreSQL 通用）
  restore <文件>           用备份文件替换全部数据（内置库须先停止 Yingji）
  enterprise-import <文件> [--apply] [--skip-invalid] [--json] [--source 来源]
                          预览（加 --apply 则应用）市场监管局企业名单 .xlsx/.csv；--json 输出一个 JSON 对象
  draw-verify <抽取编号>   复算双随机抽取：核对种子承诺、名录哈希和抽取结果；一致时退出码 0，否则 2 并指出第一处不符
  fire-simulate --key <接入密钥> --channels <通道,…> [--url http://localhost:3000] [--fires N] [--burst 5]
                [--alarm-gap 毫秒] [--fire-gap 毫秒] [--power-loss 通道] [--seed N]
                          模拟监控平台向运行中的 Yingji 推送告警与心跳（--fires 0 为一直推送，Ctrl+C 停止）
  rollup-rebuild          核对并重算隐患、检查、案件的汇总计数（rollup_counts）；打印重算前不符的行数

数据库：设置 DATABASE_URL 时连接 PostgreSQL 服务器，否则使用 YINGJI_DATA_DIR（默认 ./data）中的内置数据库。`;

const operator: TRequestContext = { actor: null, clientAddress: 'cli' };

async function withDatabase<T>(run: (database: TDatabase, services: ReturnType<typeof createServices>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    worker: config.pgliteWorker,
    poolSize: 2,
  });
  try {
    await database.migrate();
    const services = createServices({ db: database.db, clock: systemClock });
    await services.modules.org.users.ensureDivisions(config.cityCode);
    return await run(database, services);
  } finally {
    await database.close();
  }
}

/** Runs one command; returns the process exit code. Output goes through `out` and `err` so tests can read it. */
export async function runCli(
  argv: string[],
  out: (s: string) => void = console.log,
  err: (s: string) => void = console.error,
): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'migrate':
        await withDatabase(async (database) => out(`数据库迁移完成（${database.kind === 'pglite' ? '内置数据库' : 'PostgreSQL'}）`));
        return 0;
      case 'create-admin': {
        const username = ZUsernameSchema.parse(args[0] ?? 'admin');
        const cityCode = loadConfig().cityCode;
        return await withDatabase(async (database, services) => {
          if (await orgRepo.findUserByUsername(database.db, username)) {
            err(`用户名 ${username} 已存在；如需找回密码请用 reset-password`);
            return 1;
          }
          const password = newOneTimePassword();
          const passwordHash = await hashPassword(password);
          const now = new Date().toISOString();
          await database.db.transaction(async (tx) => {
            const row = await orgRepo.insertUser(tx, {
              username,
              displayName: '系统管理员',
              role: 'admin',
              divisionCode: cityCode,
              passwordHash,
              passwordChangedAt: now,
              mustChangePassword: true,
              createdAt: now,
              updatedAt: now,
            });
            await orgRepo.addPasswordHistory(tx, row.id, passwordHash, now);
            await services.audit.record(tx, operator, {
              action: 'create',
              entity: 'user',
              entityId: row.id,
              actorName: '命令行',
              after: { username, role: 'admin', divisionCode: cityCode },
              divisionCode: cityCode,
            });
          });
          out(`已创建管理员 ${username}，一次性密码（只显示这一次）：${password}`);
          return 0;
        });
      }
      case 'reset-password': {
        if (!args[0]) throw new AppError('invalid', '请给出用户名：reset-password <用户名>');
        return await withDatabase(async (database, services) => {
          const user = await orgRepo.findUserByUsername(database.db, args[0]!);
          if (!user) {
            err(`没有用户 ${args[0]}`);
            return 1;
          }
          const password = newOneTimePassword();
          const passwordHash = await hashPassword(password);
          const now = new Date().toISOString();
          await database.db.transaction(async (tx) => {
            await orgRepo.updateUser(tx, user.id, {
              passwordHash,
              passwordChangedAt: now,
              mustChangePassword: true,
              failedAttempts: 0,
              lockedUntil: null,
              disabled: false,
              updatedAt: now,
            });
            await orgRepo.addPasswordHistory(tx, user.id, passwordHash, now);
            await orgRepo.deleteUserSessions(tx, user.id);
            await services.audit.record(tx, operator, {
              action: 'password_reset',
              entity: 'user',
              entityId: user.id,
              actorName: '命令行',
              divisionCode: user.divisionCode,
            });
          });
          out(`已重置 ${user.username} 的密码，一次性密码（只显示这一次）：${password}`);
          return 0;
        });
      }
      case 'audit-verify':
        return await withDatabase(async (database, services) => {
          const result = await services.audit.verify(database.db);
          if (result.ok) {
            out(`审计日志完整：共 ${result.count} 条，哈希链校验通过`);
            return 0;
          }
          err(`审计日志校验失败：${result.problem.reason}（已校验 ${result.count} 条）`);
          return 2;
        });
      case 'backup': {
        if (!args[0]) throw new AppError('invalid', '请给出备份文件路径：backup <文件>');
        return await withDatabase(async (database) => {
          const { tables } = await backupTo(database.db, args[0]!, new Date());
          out(
            `已备份到 ${args[0]}：${Object.entries(tables)
              .map(([t, n]) => `${t} ${n}`)
              .join('，')}`,
          );
          return 0;
        });
      }
      case 'restore': {
        if (!args[0]) throw new AppError('invalid', '请给出备份文件路径：restore <文件>');
        return await withDatabase(async (database, services) => {
          // one line per table as its rows go in; nothing is committed until the last (one transaction)
          const { tables, header } = await restoreFrom(database.db, args[0]!, (table, rows) =>
            out(`正在恢复（尚未提交）：${table} ${rows} 行`),
          );
          await database.db.transaction((tx) =>
            services.audit.record(tx, operator, {
              action: 'restore',
              entity: 'database',
              actorName: '命令行',
              after: { file: args[0], backupCreatedAt: header.createdAt, tables },
            }),
          );
          out(
            `已从 ${args[0]}（${header.createdAt} 备份）恢复：${Object.entries(tables)
              .map(([t, n]) => `${t} ${n}`)
              .join('，')}`,
          );
          return 0;
        });
      }
      case 'enterprise-import':
        return await enterpriseImport(args, out, err);
      case 'draw-verify':
        if (!/^[1-9]\d*$/.test(args[0] ?? '')) throw new AppError('invalid', '请给出抽取编号：draw-verify <抽取编号>');
        return await withDatabase((database, services) => drawVerify(database.db, services.modules.inspection.draws, args, out, err));
      case 'fire-simulate': {
        let stopped = false;
        process.once('SIGINT', () => (stopped = true));
        await simulate(parseSimulateArgs(args), out, () => stopped);
        return 0;
      }
      case 'rollup-rebuild':
        return await withDatabase(async (database) => {
          const drift = await rollupDrift(database.db);
          await database.db.transaction((tx) => rebuildRollups(tx));
          out(drift.length === 0 ? '汇总计数与记录一致，已重算' : `汇总计数有 ${drift.length} 行与记录不符，已按记录重算`);
          return 0;
        });
      case undefined:
      case 'help':
      case '--help':
        out(USAGE);
        return command === undefined ? 1 : 0;
      default:
        err(`未知命令：${command}\n\n${USAGE}`);
        return 1;
    }
  } catch (e) {
    const message = e instanceof AppError ? e.message : (e as Error).message;
    err(`错误：${message}`);
    return 1;
  }
}

/** `enterprise-import <file> [--apply] [--skip-invalid] [--json] [--source name]`: the half-yearly feed, scriptable. */
async function enterpriseImport(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--source');
  const flag = (name: string) => args.includes(name);
  const sourceIndex = args.indexOf('--source');
  const sourceName = sourceIndex >= 0 ? (args[sourceIndex + 1] ?? '市场监管局') : '市场监管局';
  if (!file) throw new AppError('invalid', '请给出名单文件：enterprise-import <文件> [--apply] [--json]');
  if (!fs.existsSync(file)) throw new AppError('invalid', `文件 ${file} 不存在`);
  const fileName = path.basename(file);
  return withDatabase(async (_database, services) => {
    const started = Date.now();
    const preview = await services.modules.enterprise.imports.preview(operator, { source: { path: file }, fileName, sourceName });
    const result = flag('--apply')
      ? await services.modules.enterprise.imports.apply(operator, {
          token: preview.token,
          fileName,
          sourceName,
          skipInvalid: flag('--skip-invalid'),
          source: { path: file },
        })
      : preview;
    if (flag('--json')) {
      out(
        JSON.stringify({
          file: fileName,
          applied: flag('--apply'),
          rows: result.rows,
          ...result.counts,
          invalid: result.invalid,
          ms: Date.now() - started,
        }),
      );
    } else {
      const c = result.counts;
      out(
        `${flag('--apply') ? '已应用' : '预览'} ${fileName}：共 ${result.rows} 行；新增 ${c.new}，变更 ${c.changed}，未变 ${c.unchanged}，名单中已无（转待核实）${c.missing}，注销/吊销 ${c.deregistered}，无效 ${c.invalid}`,
      );
      for (const i of result.invalid.slice(0, 50)) err(`  第 ${i.row} 行：${i.reason}`);
      if (result.invalid.length > 50) err(`  ……另有 ${result.invalid.length - 50} 行无效`);
    }
    return 0;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2));
}

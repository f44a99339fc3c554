import { useQuery } from '@tanstack/react-query';
import { CASE_STAGE_LABELS, CASE_STAGES, type TCaseClock, type TCaseStage } from '@yingji/domain/case/case.schema';
import { Tag, Tooltip } from 'antd';
import type { FormInstance } from 'antd';
import { caseApi } from '../../api/case.api';
import { isApiError } from '../../api/client';
import { useErrorHandler } from '../../app/use-error-handler';

export const CASE_KEYS = {
  all: ['case'] as const,
  list: (f: object) => ['case', 'list', f] as const,
  detail: (id: number) => ['case', 'detail', id] as const,
  violations: ['case', 'violations'] as const,
  stages: ['case', 'stages'] as const,
  fines: (f: object) => ['case', 'fines', f] as const,
};

export const STAGE_COLORS: Record<TCaseStage, string> = {
  pending_filing: 'gold',
  filed: 'blue',
  investigating: 'geekblue',
  proposed: 'cyan',
  legal_review: 'purple',
  deliberation: 'magenta',
  notified: 'orange',
  hearing: 'volcano',
  decided: 'lime',
  served: 'green',
  executing: 'orange',
  paid: 'green',
  closed: 'default',
  withdrawn: 'default',
};
export const STAGE_OPTIONS = CASE_STAGES.map((s) => ({ value: s, label: CASE_STAGE_LABELS[s] }));

export function StageTag({ stage }: { stage: TCaseStage }) {
  return <Tag color={STAGE_COLORS[stage]}>{CASE_STAGE_LABELS[stage]}</Tag>;
}

/** 1,234.5 元 from fen. */
/** A case's number, or why it has none: a simple-procedure case is decided on the spot and never filed (行政处罚法 art. 51). */
export const caseNoText = (c: { caseNo: string | null; procedure: string }): string =>
  c.caseNo ?? (c.procedure === 'simple' ? '简易程序' : '未立案');

export const yuan = (fen: number | null | undefined): string =>
  fen === null || fen === undefined
    ? '—'
    : `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} 元`;
/** 432.37 万元 from fen. */
export const wanYuan = (fen: number): string =>
  `${(fen / 1_000_000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元`;
/** Yuan as typed in a form → fen (integer). */
export const toFen = (yuanValue: number | null | undefined): number => Math.round((yuanValue ?? 0) * 100);

/** The clocks still running (the finished ones are history). */
export const runningClocks = (clocks: TCaseClock[]): TCaseClock[] =>
  clocks.filter((c) => c.state === 'running' || c.state === 'due_soon' || c.state === 'overdue');

/** The short name of a clock (its label without the bracketed rule). */
export const clockName = (c: TCaseClock): string => c.label.replace(/（.*）$/, '');

/** 剩余 N 天 / 今日到期 / 逾期 N 天 (red), or how it ended. */
export function ClockLeft({ clock }: { clock: TCaseClock }) {
  if (clock.state === 'met') return <span className="clock-done">按期完成</span>;
  if (clock.state === 'missed') return <span className="clock-late">逾期完成</span>;
  if (clock.daysLeft < 0) return <span className="clock-late">逾期 {-clock.daysLeft} 天</span>;
  if (clock.daysLeft === 0) return <span className="clock-late">今日到期</span>;
  return <span className={clock.state === 'due_soon' ? 'clock-soon' : 'clock-ok'}>剩余 {clock.daysLeft} 天</span>;
}

/** One clock on one line: its name, the deadline and the days left; the rule in the tooltip. */
export function ClockLine({ clock }: { clock: TCaseClock }) {
  return (
    <Tooltip title={`${clock.label}，依据：${clock.basis}`}>
      <div className="clock-line" data-clock={clock.kind}>
        <span className="clock-name">{clockName(clock)}</span>
        <span className="mono">{clock.dueOn}</span>
        <ClockLeft clock={clock} />
      </div>
    </Tooltip>
  );
}

export function useViolations() {
  return useQuery({ queryKey: CASE_KEYS.violations, queryFn: caseApi.violations, staleTime: 60_000 });
}

/**
 * The server's message on the form field it names, also for nested fields (`person.idNumber`, `violations.0.fineFen`,
 * the way the zod path reads); otherwise as a message. The message stays whole: it names the rule and the article.
 */
export function useCaseErrorHandler(): (error: unknown, form?: FormInstance) => void {
  const onError = useErrorHandler();
  return (error, form) => {
    if (form && isApiError(error) && error.field) {
      const path = error.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      let at: unknown = form.getFieldsValue(true);
      for (const p of path) at = at !== null && typeof at === 'object' && p in at ? (at as Record<string | number, unknown>)[p] : undefined;
      if (at !== undefined && path.length > 1) {
        form.setFields([{ name: path, errors: [error.message.replace(/^字段 \S+：/, '')] }]);
        return;
      }
    }
    onError(error, form);
  };
}

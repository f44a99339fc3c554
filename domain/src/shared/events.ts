/**
 * The platform's event list: what a module announces, inside its own transaction, when something happened that
 * other modules care about. Writers raise them with `events.emit(tx, name, payload, ctx)` (server/src/kit/events.ts);
 * listeners (risk rules, the firm's timeline, the workbench, notifications) subscribe in their module manifest.
 * A module never imports another module's service to tell it something happened. Adding an event: add it here,
 * with the one line that says when it is raised, and list it in docs/ARCHITECTURE.md.
 */
import type { TAccidentGrade } from '../accident/accident.data';

export interface TFirmEventBase {
  /** The firm concerned. */
  enterpriseId: number;
  /** ISO instant at which it happened (for the timeline and the risk windows). */
  occurredAt: string;
  /** The record in the raising module, `hazard:123`; listeners are idempotent on (event, ref). */
  ref: string;
  /** One line in Chinese for the firm's timeline. */
  summary: string;
}

export interface TEventMap {
  /** An inspection record was submitted (its findings are filed). */
  'inspection.completed': TFirmEventBase & { inspectionId: number; inspectionKind: string; findingCount: number };
  /** A hidden hazard was recorded (any level). */
  'hazard.recorded': TFirmEventBase & { hazardId: number; category: string; level: 'general' | 'major' };
  /** A major hidden hazard was recorded. */
  'hazard.major_found': TFirmEventBase & { hazardId: number; category: string };
  /** A hazard moved on in its loop other than by sign-off (ordered, signed for, submitted, extended, refused …). */
  'hazard.progressed': TFirmEventBase & { hazardId: number; action: string };
  /** A hazard was signed off (销号). */
  'hazard.closed': TFirmEventBase & { hazardId: number; category: string; level: 'general' | 'major' };
  /** A penalty case was filed (立案) against a registered firm. */
  'case.filed': TFirmEventBase & { caseId: number };
  /** A penalty decision was made (行政处罚决定) against a registered firm. */
  'case.penalty_decided': TFirmEventBase & { caseId: number; fineFen: number };
  /** A work-safety accident concerning a registered firm was recorded (生产安全事故). */
  'accident.recorded': TFirmEventBase & { accidentId: number; grade: TAccidentGrade };
  /** A drill of an emergency plan was held (recorded as done); the plan's last drill and next due day moved. */
  'drill.held': { drillId: number; planId: number; heldOn: string; divisionCode: string; enterpriseId: number | null; ref: string };
  /** A review (复盘) follow-up task was signed off by someone other than its owner. */
  'drill.task_signed_off': { taskId: number; drillId: number; divisionCode: string; ref: string };
  /** A loan of emergency supplies moved on (requested, approved, refused, issued, returned, closed): for reminders. */
  'resources.loan_changed': {
    loanId: number;
    state: string;
    action: string;
    applicantId: number;
    approverIds: number[];
    occurredAt: string;
    summary: string;
  };
  /** A forest-fire incident was verified as a real fire by the duty officer. */
  'fire.confirmed': TFireEventBase;
  /** A forest-fire incident was not acknowledged in time and went to the duty chief. */
  'fire.escalated': TFireEventBase & { to: string };
  /** A real fire was dispatched: the town and the forest fire brigade were told (who, in `recipients`). */
  'fire.dispatched': TFireEventBase & { recipients: string[] };
  /** A camera channel's device alert opened (power loss, network loss, camera fault, silence). */
  'fire.device_alert': {
    channelId: number;
    channelCode: string;
    divisionCode: string;
    kind: string;
    occurredAt: string;
    ref: string;
    summary: string;
  };
}

export type TEventName = keyof TEventMap;

/** Every event name, in the order of the list above (for docs and tests). */
export const EVENT_NAMES = [
  'inspection.completed',
  'hazard.recorded',
  'hazard.major_found',
  'hazard.progressed',
  'hazard.closed',
  'case.filed',
  'case.penalty_decided',
  'accident.recorded',
  'drill.held',
  'drill.task_signed_off',
  'resources.loan_changed',
  'fire.confirmed',
  'fire.escalated',
  'fire.dispatched',
  'fire.device_alert',
] as const satisfies readonly TEventName[];

/** What every forest-fire incident event carries. */
export interface TFireEventBase {
  incidentId: number;
  divisionCode: string;
  /** ISO instant of the step. */
  occurredAt: string;
  /** `fire_incident:12`. */
  ref: string;
  summary: string;
  longitude: number;
  latitude: number;
}

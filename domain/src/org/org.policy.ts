import type { TRole } from './org.schema';

/**
 * Who may do what, one row per permission (deny by default: a role not listed is refused).
 * Every route declares one of these; the route walk test checks every role against this table.
 */
export const POLICY = {
  'user.read': ['admin'],
  'user.manage': ['admin'],
  'department.read': ['admin', 'bureau_officer', 'bureau_leader', 'legal_reviewer', 'town_officer', 'duty_officer'],
  'department.manage': ['admin'],
  'division.read': ['admin', 'bureau_officer', 'bureau_leader', 'legal_reviewer', 'town_officer', 'enterprise_user', 'duty_officer'],
  'audit.read': ['admin', 'bureau_leader'],
  'settings.read': ['admin'],
  'settings.manage': ['admin'],
  'enterprise.read': ['admin', 'bureau_officer', 'bureau_leader', 'legal_reviewer', 'town_officer', 'duty_officer'],
  'enterprise.manage': ['admin', 'bureau_officer', 'town_officer'],
  'enterprise.import': ['admin', 'bureau_officer'],
  'enterprise.alerts': ['admin', 'bureau_officer', 'bureau_leader'],
  'risk.read': ['admin', 'bureau_officer', 'bureau_leader', 'town_officer'],
  'risk.assess': ['admin', 'bureau_officer'],
  'risk.decide': ['bureau_officer', 'bureau_leader'],
  'inspection.read': ['admin', 'bureau_officer', 'bureau_leader', 'legal_reviewer', 'town_officer'],
  'inspection.catalogue': ['admin', 'bureau_officer'],
  'inspection.inspectors': ['admin', 'bureau_officer', 'town_officer'],
  'inspection.plan': ['bureau_officer', 'bureau_leader', 'town_officer'],
  'inspection.record': ['bureau_officer', 'town_officer'],
  // hazard: enterprise users see and touch their own firm's hazards only (checked in the repository)
  'hazard.read': ['admin', 'bureau_officer', 'bureau_leader', 'legal_reviewer', 'town_officer', 'enterprise_user'],
  'hazard.report': ['bureau_officer', 'town_officer', 'enterprise_user'],
  'hazard.rectify': ['bureau_officer', 'town_officer', 'enterprise_user'],
  'hazard.manage': ['bureau_officer', 'town_officer'],
  'hazard.supervise': ['bureau_officer', 'bureau_leader'],
  'hazard.campaign': ['admin', 'bureau_officer'],
  // dashboards, maps and listed supervision: the bureau and towns, not enterprise users
  'hazard.stats': ['admin', 'bureau_officer', 'bureau_leader', 'legal_reviewer', 'town_officer'],
  // case: the legal reviewer is never the investigator (checked per case, 行政处罚法 art. 58)
  'case.read': ['admin', 'bureau_officer', 'bureau_leader', 'legal_reviewer', 'town_officer'],
  'case.handle': ['bureau_officer', 'town_officer'],
  'case.approve': ['bureau_leader'],
  'case.legal_review': ['legal_reviewer'],
  'case.deliberate': ['bureau_leader'],
  'case.catalogue': ['admin', 'bureau_officer'],
  'case.file_review': ['bureau_officer', 'bureau_leader', 'legal_reviewer'],
  // accident and duty: towns report and see their own town; the bureau, the duty room and leaders the city
  'accident.read': ['bureau_officer', 'bureau_leader', 'town_officer', 'duty_officer'],
  'accident.report': ['bureau_officer', 'town_officer', 'duty_officer'],
  'accident.manage': ['bureau_officer', 'duty_officer'],
  'duty.read': ['bureau_officer', 'bureau_leader', 'town_officer', 'duty_officer'],
  'duty.manage': ['bureau_officer', 'duty_officer'],
  'attachment.upload': ['admin', 'bureau_officer', 'bureau_leader', 'legal_reviewer', 'town_officer', 'enterprise_user', 'duty_officer'],
  'attachment.read': ['admin', 'bureau_officer', 'bureau_leader', 'legal_reviewer', 'town_officer', 'enterprise_user', 'duty_officer'],
  // drill: enterprise users register and drill their own firm's plans only (checked in the service)
  'drill.read': ['admin', 'bureau_officer', 'bureau_leader', 'town_officer', 'enterprise_user', 'duty_officer'],
  'drill.plan': ['bureau_officer', 'town_officer', 'enterprise_user'],
  'drill.record': ['bureau_officer', 'bureau_leader', 'town_officer', 'enterprise_user'],
  'drill.training': ['bureau_officer', 'town_officer'],
  // findings (整改销号): the office keeps the lists; owners and reviewers anywhere in the bureau and towns act on measures
  'findings.read': ['bureau_officer', 'bureau_leader', 'town_officer'],
  'findings.manage': ['bureau_officer', 'bureau_leader'],
  'findings.progress': ['bureau_officer', 'bureau_leader', 'town_officer'],
  // report builder: the bureau and towns read figures of their own scope
  'report.read': ['bureau_officer', 'bureau_leader', 'town_officer'],
  // resources: keepers (bureau and town officers) move stock; an approver never approves his own loan (checked per loan)
  'resources.read': ['admin', 'bureau_officer', 'bureau_leader', 'town_officer', 'duty_officer'],
  'resources.catalogue': ['admin', 'bureau_officer'],
  'resources.manage': ['bureau_officer', 'town_officer'],
  'resources.loan': ['bureau_officer', 'town_officer', 'duty_officer'],
  'resources.approve': ['bureau_officer', 'bureau_leader'],
  'shelter.read': ['admin', 'bureau_officer', 'bureau_leader', 'town_officer', 'duty_officer'],
  'shelter.manage': ['bureau_officer', 'town_officer'],
  // notification centre: each user reads his own (authenticated); the SMS/voice log is the duty room's
  'notification.deliveries': ['admin', 'bureau_officer', 'bureau_leader', 'duty_officer'],
  'notification.gateway': ['admin'],
  // warnings and call-and-answer (预警叫应): the bureau (三防办) issues, towns keep their own chain and see their board
  'warning.read': ['admin', 'bureau_officer', 'bureau_leader', 'town_officer', 'duty_officer'],
  'warning.issue': ['bureau_officer', 'duty_officer'],
  'warning.chain': ['admin', 'bureau_officer', 'town_officer', 'duty_officer'],
  'warning.response': ['bureau_officer', 'bureau_leader', 'duty_officer'],
  'warning.points': ['bureau_officer', 'town_officer', 'duty_officer'],
  // forest fire: the duty room watches and handles, towns see their own; the registry is the bureau's, keys the admin's
  'fire.read': ['admin', 'bureau_officer', 'bureau_leader', 'town_officer', 'duty_officer'],
  'fire.handle': ['bureau_officer', 'duty_officer'],
  'fire.manage': ['admin', 'bureau_officer'],
  'fire.keys': ['admin'],
  // the public progress report on a round is approved by a leader before the office publishes it
  'findings.approve': ['bureau_leader'],
  // 立即升级: the duty roles escalate a silent recipient by hand (a town officer in his own town)
  'warning.escalate': ['bureau_officer', 'town_officer', 'duty_officer'],
} as const satisfies Record<string, readonly TRole[]>;

export type TPermission = keyof typeof POLICY;
export const PERMISSIONS = Object.keys(POLICY) as TPermission[];

export const can = (role: TRole, permission: TPermission): boolean => (POLICY[permission] as readonly TRole[]).includes(role);

export const permissionsOf = (role: TRole): TPermission[] => PERMISSIONS.filter((p) => can(role, p));

/** A scope is a division code prefix: `44` a province, `4420` a city, `442000107` a town. */
export const inScope = (scope: string, divisionCode: string): boolean => divisionCode.startsWith(scope);

/** Roles that work for one town only must be given a town (9 digits); bureau roles a city or wider. */
export function roleScopeProblem(role: TRole, divisionCode: string): string | null {
  const isTown = divisionCode.length === 9;
  if ((role === 'town_officer' || role === 'enterprise_user') && !isTown) {
    return '镇街人员和企业用户必须指定到镇街';
  }
  if (role !== 'town_officer' && role !== 'enterprise_user' && isTown) {
    return '市局角色的数据范围不能是单个镇街，请选择市或选择“镇街人员”角色';
  }
  return null;
}

export interface TActor {
  id: number;
  role: TRole;
  divisionCode: string;
}

/** An administrator manages accounts inside their own scope, and never disables or demotes themselves. */
export function userChangeProblem(
  actor: TActor,
  target: { id: number; divisionCode: string },
  change: { divisionCode?: string; role?: TRole; disabled?: boolean },
): string | null {
  if (!can(actor.role, 'user.manage')) return '没有管理用户的权限';
  if (!inScope(actor.divisionCode, target.divisionCode)) return '该用户不在您的管辖范围内';
  if (change.divisionCode !== undefined && !inScope(actor.divisionCode, change.divisionCode)) {
    return '不能把用户调整到您管辖范围以外的区划';
  }
  if (actor.id === target.id && (change.disabled === true || (change.role !== undefined && change.role !== actor.role))) {
    return '不能停用自己的账号或更改自己的角色';
  }
  return null;
}

/**
 * Who may change a firm: someone with enterprise.manage whose scope holds it; a town changes only the firms
 * the powers list gives to the towns (市镇两级执法权责清单), the bureau changes any.
 */
export function enterpriseChangeProblem(actor: TActor, firm: { divisionCode: string; supervisingLevel: string }): string | null {
  if (!can(actor.role, 'enterprise.manage')) return '没有维护企业台账的权限';
  if (!inScope(actor.divisionCode, firm.divisionCode)) return '该企业不在您的管辖范围内';
  if (actor.divisionCode.length === 9 && firm.supervisingLevel !== 'town') return '该企业由市级监管，镇街不能修改，请联系市局';
  return null;
}

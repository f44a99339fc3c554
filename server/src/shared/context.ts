import type { TActor, TRole } from '@yingji/domain';

/** Who is acting and from where: passed from the route into every service call that changes data. */
export interface TActorContext extends TActor {
  username: string;
  displayName: string;
  role: TRole;
}

export interface TRequestContext {
  actor: TActorContext | null;
  clientAddress: string | null;
}

export type TClock = () => Date;
export const systemClock: TClock = () => new Date();

import { timestamp } from 'drizzle-orm/pg-core';

/** An instant (`timestamptz`), read as a string: the bureau is in UTC+8 and the API speaks ISO 8601. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

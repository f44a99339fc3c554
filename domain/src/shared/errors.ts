/** The closed set of error codes every layer speaks; HTTP status is mapped in one table on the server. */
export const ERROR_CODES = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rule_violation',
  'locked',
  'password_expired',
  'too_many_requests',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure a user can read: `message` is Chinese, `code` is stable for programs, `field` names the input at fault. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { field?: string; details?: unknown } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '@yingji/domain';

/** The one table from error code to HTTP status. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  password_expired: 403,
  not_found: 404,
  conflict: 409,
  rule_violation: 422,
  locked: 423,
  too_many_requests: 429,
  internal: 500,
};

export interface TErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
  details?: unknown;
}

type TValidationIssue = { instancePath?: string; message?: string; params?: { issue?: { path?: PropertyKey[]; message?: string } } };

/** Fastify's validation error (from the zod type provider) as our error shape, naming the first field at fault. */
function fromValidation(error: FastifyError & { validation: TValidationIssue[]; validationContext?: string }): TErrorBody {
  const first = error.validation[0];
  const issuePath = first?.params?.issue?.path;
  const field =
    issuePath && issuePath.length > 0
      ? issuePath.map(String).join('.')
      : (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.') || undefined;
  const message = first?.params?.issue?.message ?? first?.message ?? '输入不正确';
  const where = error.validationContext === 'querystring' ? '查询参数' : error.validationContext === 'params' ? '路径参数' : '字段';
  return {
    code: 'invalid',
    message: field ? `${where} ${field}：${message}` : message,
    ...(field ? { field } : {}),
  };
}

export function toErrorBody(error: unknown): { status: number; body: TErrorBody } {
  if (error instanceof AppError) {
    const body: TErrorBody = { code: error.code, message: error.message };
    if (error.field) body.field = error.field;
    if (error.details !== undefined) body.details = error.details;
    return { status: HTTP_STATUS[error.code], body };
  }
  const fe = error as FastifyError & { validation?: TValidationIssue[] };
  if (fe && Array.isArray(fe.validation)) {
    return { status: 400, body: fromValidation(fe as never) };
  }
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, body: { code: 'invalid', message: '请求内容类型不受支持，请以 JSON 提交' } };
  }
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      status: 413,
      body: {
        code: 'invalid',
        message: '上传的文件超过 30 MB 上限；更大的名单请在服务器上用 npm run yingji -- enterprise-import <文件> 导入',
      },
    };
  }
  if (fe?.code === 'FST_ERR_BAD_URL') {
    return { status: 400, body: { code: 'invalid', message: '请求路径中的百分号编码无效，已拒绝' } };
  }
  if (fe?.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return { status: 414, body: { code: 'invalid', message: '请求路径参数过长，已拒绝' } };
  }
  if (fe?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (fe?.statusCode === 400 && fe instanceof SyntaxError)) {
    return { status: 400, body: { code: 'invalid', message: '请求内容不是有效的 JSON' } };
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { code: 'invalid', message: '请求不正确' } };
  }
  return { status: 500, body: { code: 'internal', message: '服务器内部错误，请稍后再试或联系管理员' } };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorBody(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.status(status).send(body);
}

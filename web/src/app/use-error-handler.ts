import { App } from 'antd';
import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';

/**
 * Shows a failed request to the user: on the form field the server named when the form has it,
 * otherwise as a message. Session endings (401, expired password) are left to the guard.
 */
export function useErrorHandler(): (error: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  return (error, form) => {
    if (isApiError(error)) {
      if (error.code === 'unauthenticated' || error.code === 'password_expired') return;
      if (form && error.field && Object.keys(form.getFieldsValue()).includes(error.field)) {
        form.setFields([{ name: error.field, errors: [error.message] }]);
        return;
      }
      void message.error(error.message);
      return;
    }
    void message.error('操作失败，请稍后再试');
  };
}

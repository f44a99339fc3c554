/**
 * Form rules the forms share, with the same checks and Chinese messages as the server's schemas, so a mistake is
 * named before anything is sent: required fields, telephone numbers, citizen ID numbers, credit codes.
 */
import { idNumberValid } from '@yingji/domain/case/case.schema';
import { validateCreditCode } from '@yingji/domain/enterprise/credit-code.rules';
import type { FormRule } from 'antd';

/** The server's telephone check (org and enterprise schemas): digits, +, -, brackets and spaces, 5–20 of them. */
export const PHONE_PATTERN = /^[0-9+\-() ]{5,20}$/;

/** 请填写… for a text field (blank counts as empty). */
export const required = (label: string): FormRule => ({ required: true, whitespace: true, message: `请填写${label}` });

/** 请选择… for a pick (a select, a date). */
export const requiredPick = (label: string): FormRule => ({ required: true, message: `请选择${label}` });

/** A telephone number, optional unless `required` is added beside it. */
export const phoneRule = (message = '电话号码格式不正确'): FormRule => ({ pattern: PHONE_PATTERN, message });

/** A GB 11643 citizen ID number: 18 characters with a valid check character. */
export const idNumberRule: FormRule = {
  validator: (_, value: string | undefined) => {
    const v = value?.trim().toUpperCase();
    if (!v) return Promise.resolve();
    if (!/^\d{17}[\dX]$/.test(v)) return Promise.reject(new Error('身份证号码应为 18 位（最后一位可为 X）'));
    return idNumberValid(v) ? Promise.resolve() : Promise.reject(new Error('身份证号码校验位不正确'));
  },
};

/** A unified social credit code (GB 32100), with the server's own message naming the wrong character. */
export const creditCodeRule: FormRule = {
  validator: (_, value: string | undefined) => {
    if (!value?.trim()) return Promise.resolve();
    const r = validateCreditCode(value);
    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
  },
};

import { getMetadataStorage, ValidationError } from 'class-validator';
import { Message } from '@app/common';

/** The deepest failing constraint of an input, as the validation pipe found it. */
export interface ValidationFailure {
  /** A path like `openingHours[0].opens`. */
  field: string;
  /** class-validator's name for the constraint (`maxLength`, `isEnum`, …). */
  constraint: string;
  /** class-validator's English, or the decorator's own message. */
  message: string;
  /** The constraint's arguments (`[200]` for `@MaxLength(200)`), and whether it holds for each item. */
  args: readonly unknown[];
  each: boolean;
}

type Chinese = (subject: string, args: readonly unknown[]) => string;

const list = (values: unknown): string => (Array.isArray(values) ? values.join(', ') : '');

/**
 * The Chinese of each class-validator constraint the inputs use, said of the field (or of each of
 * its items) with the constraint's arguments. A constraint missing here fails
 * validation.messages.spec.
 */
export const CONSTRAINTS_ZH: Record<string, Chinese> = {
  isString: (subject) => `${subject}必须是字符串`,
  isInt: (subject) => `${subject}必须是整数`,
  isNumber: (subject) => `${subject}必须是数字`,
  isBoolean: (subject) => `${subject}必须是布尔值`,
  isDate: (subject) => `${subject}必须是日期`,
  isEmail: (subject) => `${subject}必须是电子邮件地址`,
  isUrl: (subject) => `${subject}必须是 URL`,
  isArray: (subject) => `${subject}必须是数组`,
  isEnum: (subject, [, values]) => `${subject}必须是以下值之一：${list(values)}`,
  isIn: (subject, [values]) => `${subject}必须是以下值之一：${list(values)}`,
  isEntityId: (subject) => `${subject}不是有效的 id`,
  isDefined: (subject) => `${subject}不能为空值`,
  isNotEmpty: (subject) => `${subject}不能为空`,
  min: (subject, [min]) => `${subject}不能小于 ${String(min)}`,
  max: (subject, [max]) => `${subject}不能大于 ${String(max)}`,
  minLength: (subject, [min]) => `${subject}至少 ${String(min)} 个字符`,
  maxLength: (subject, [max]) => `${subject}最多 ${String(max)} 个字符`,
  isLength: (subject, [min, max]) => `${subject}须为 ${String(min)} 到 ${String(max)} 个字符`,
  arrayMinSize: (subject, [min]) => `${subject}至少包含 ${String(min)} 项`,
  arrayMaxSize: (subject, [max]) => `${subject}最多包含 ${String(max)} 项`,
  arrayNotEmpty: (subject) => `${subject}不能为空列表`,
  matches: (subject) => `${subject}的格式不正确`,
  nestedValidation: (subject) => `${subject}必须是对象或数组`,
  whitelistValidation: (subject) => `不允许输入 ${subject.trim()}`,
  unknownValue: () => '输入中有无法识别的值',
};

/** What a constraint said of a field: `@MaxLength(200)` gives `[200]`. */
export function constraintOf(
  error: ValidationError,
  constraint: string,
): { args: readonly unknown[]; each: boolean } {
  const target = error.target;
  const metadata = target
    ? getMetadataStorage()
        .getTargetValidationMetadatas(target.constructor, '', true, false)
        .find(
          (candidate) =>
            candidate.propertyName === error.property &&
            (candidate.name ?? candidate.type) === constraint,
        )
    : undefined;
  return { args: (metadata?.constraints as unknown[] | undefined) ?? [], each: !!metadata?.each };
}

/**
 * The message of a failed input check: class-validator's English as before, and its Chinese by
 * constraint. Not from a catalogue, since the English is class-validator's; the Chinese is checked
 * constraint by constraint in validation.messages.spec.
 */
export function validationMessage(failure: ValidationFailure): Message {
  const subject = failure.each ? `${failure.field} 中的每一项` : `${failure.field} `;
  const chinese: Chinese = CONSTRAINTS_ZH[failure.constraint] ?? ((s) => `${s}的值无效`);
  return { zh: chinese(subject, failure.args), en: failure.message } as Message;
}

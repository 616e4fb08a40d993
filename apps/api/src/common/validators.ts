import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidId } from '@app/database';

/** The value is one of our BIGINT ids as a decimal string. */
export function IsEntityId(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isEntityId',
      target: target.constructor,
      propertyName: propertyKey as string,
      options: { message: `${String(propertyKey)} is not a valid id`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidId(value) },
    });
}

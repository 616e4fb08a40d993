import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiInputError } from './error-codes';
import { constraintOf, ValidationFailure, validationMessage } from './validation.messages';
import { apiMessages } from '../common/api.messages';

/** A copy without null: GraphQL lets a client send null where a value is optional. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value ?? undefined;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value; // a Date, a scalar's class
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== null)
      .map(([key, field]) => [key, withoutNulls(field)]),
  );
}

/** Null in an argument or input field means the same as leaving it out, everywhere. */
class InputPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // @nestjs/graphql hands arguments to pipes as 'body'; parents and the context are 'custom'.
    return super.transform(metadata.type === 'body' ? withoutNulls(value) : value, metadata);
  }
}

/** The deepest failing property, as a path like `openingHours[0].opens`. */
function firstFailure(errors: ValidationError[], parent = ''): ValidationFailure | null {
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    if (error.constraints) {
      const [constraint, message] = Object.entries(error.constraints)[0];
      return { field, constraint, message, ...constraintOf(error, constraint) };
    }
    const nested = firstFailure(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/** Validates inputs at the edge; a failure becomes BAD_USER_INPUT naming the field. */
export function createValidationPipe(): ValidationPipe {
  return new InputPipe({
    whitelist: true,
    transform: true,
    forbidUnknownValues: true,
    // Kept on each error, for the arguments of the failed constraint (see constraintOf).
    validationError: { target: true },
    exceptionFactory: (errors) => {
      const failure = firstFailure(errors);
      if (!failure) return new ApiInputError('input', apiMessages.invalidInput());
      return new ApiInputError(failure.field, validationMessage(failure));
    },
  });
}

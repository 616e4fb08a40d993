import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiInputError } from './error-codes';

/** The deepest failing property, as a path like `openingHours[0].opens`. */
function firstFailure(
  errors: ValidationError[],
  parent = '',
): { field: string; message: string } | null {
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    if (error.constraints) {
      const message = Object.values(error.constraints)[0];
      return { field, message };
    }
    const nested = firstFailure(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/** Validates inputs at the edge; a failure becomes BAD_USER_INPUT naming the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const failure = firstFailure(errors) ?? { field: 'input', message: 'Invalid input' };
      return new ApiInputError(failure.field, failure.message);
    },
  });
}

import { Message } from './message';

/**
 * Makes an error without capturing a stack trace: an expected refusal (a slot taken, a rule
 * broken) is answered, never debugged, and capturing a trace was a real cost on every one.
 */
export function withoutStack<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Base of every lib's own error class. `code` is the lib's enum; apps/api maps each code to a
 * GraphQL `extensions.code`. `text` is the message in both languages, from the lib's catalogue:
 * the API answers it in the reader's language, and `message` (what logs show) is its English.
 * `field` names the offending input field for BAD_USER_INPUT. Made without a stack trace (see
 * withoutStack).
 */
export abstract class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly text: Message,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(text.en);
    Error.stackTraceLimit = limit;
    this.name = new.target.name;
  }
}

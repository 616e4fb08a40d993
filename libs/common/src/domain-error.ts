/**
 * Base of every lib's own error class. `code` is the lib's enum; apps/api maps each code to a
 * GraphQL `extensions.code`. `field` names the offending input field for BAD_USER_INPUT.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

import { applyDecorators, PipeTransform } from '@nestjs/common';
import { Args, Field, FieldOptions } from '@nestjs/graphql';
import { IsOptional, IsString, maxLength, MaxLength } from 'class-validator';
import { inputMessages } from '@app/common';
import { ApiInputError } from '../graphql/error-codes';

/**
 * Every text a client sends has a limit, its column's size (or a product limit where nothing is
 * stored), checked before anything runs. The schema states it in the field's or argument's
 * description, in words this pattern finds, so clients (and the bad-input suite) can read it.
 */
export const LIMIT_IN_DESCRIPTION = /at most (\d+) characters/i;

/** Reasons and comments are stored in VARCHAR(1000) columns. */
export const MAX_REASON_LENGTH = 1000;

/** The one message of an over-long text (class-validator's English; the pipe adds Chinese). */
export function tooLong(field: string, max: number): string {
  return inputMessages.atMostCharacters(field, max).en;
}

function withLimit(description: string | undefined, max: number): string {
  return description ? `${description} (at most ${max} characters)` : `At most ${max} characters`;
}

/**
 * A String field of an input type, at most `max` characters (counted as the database counts
 * them: a character outside the BMP is one). Other checks (a format, a minimum) go beside it.
 */
export function TextField(max: number, options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    Field(() => String, { ...options, description: withLimit(options.description, max) }),
    ...(options.nullable ? [IsOptional()] : []),
    IsString(),
    MaxLength(max, { message: ({ property }) => tooLong(property, max) }),
  );
}

/** Refuses an over-long text argument, naming it; null is absent. */
class TextLimitPipe implements PipeTransform<unknown, string | undefined> {
  constructor(
    private readonly name: string,
    private readonly max: number,
  ) {}

  transform(value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !maxLength(value, this.max))
      throw new ApiInputError(this.name, inputMessages.atMostCharacters(this.name, this.max));
    return value;
  }
}

/** A String argument of at most `max` characters. */
export function TextArg(
  name: string,
  max: number,
  options: { nullable?: boolean; description?: string } = {},
): ParameterDecorator {
  return Args(
    name,
    {
      type: () => String,
      nullable: options.nullable,
      description: withLimit(options.description, max),
    },
    new TextLimitPipe(name, max),
  );
}

/** A reason (or comment) argument: at most MAX_REASON_LENGTH characters. */
export function ReasonArg(
  options: { name?: string; nullable?: boolean; description?: string } = {},
): ParameterDecorator {
  const { name = 'reason', ...rest } = options;
  return TextArg(name, MAX_REASON_LENGTH, rest);
}

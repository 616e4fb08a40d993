import { CustomScalar, Scalar } from '@nestjs/graphql';
import { GraphQLError, Kind, ValueNode } from 'graphql';
import { DateTime } from 'luxon';

/** ISO 8601 with a date, a time and an explicit offset or Z; nothing looser. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The offsets zones use run from −12:00 to +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

function parse(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value)) {
    throw new GraphQLError(
      'DateTime must be ISO 8601 with an offset or Z, e.g. 2026-06-03T09:00:00+08:00',
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  // Luxon refuses what Date would roll over (2027-02-30 as 2027-03-02, 25:00, +24:00).
  const parsed = DateTime.fromISO(value, { setZone: true });
  const why = !parsed.isValid
    ? parsed.invalidExplanation
    : Math.abs(parsed.offset) > MAX_OFFSET_MINUTES
      ? 'no zone is that far from UTC'
      : null;
  if (why) {
    throw new GraphQLError(`DateTime ${value} is not a real moment: ${why}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return parsed.toJSDate();
}

/** Input with an offset or Z, output always in UTC with Z (the contract's DateTime). */
@Scalar('DateTime', () => Date)
export class DateTimeScalar implements CustomScalar<string, Date> {
  description = 'ISO 8601 date-time; input with an offset or Z, output in UTC with Z';

  parseValue(value: unknown): Date {
    return parse(value);
  }

  serialize(value: unknown): string {
    if (value instanceof Date) return value.toISOString();
    return parse(value).toISOString();
  }

  parseLiteral(ast: ValueNode): Date {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return parse(ast.value);
  }
}

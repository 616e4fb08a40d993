import { formatError } from './graphql-options.factory';

describe('formatError', () => {
  const misspelt = {
    message: 'Cannot query field "venus" on type "Query". Did you mean "venue" or "venues"?',
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  };

  it('drops the guesses at names only when asked to', () => {
    expect(formatError(misspelt).message).toBe(misspelt.message);
    expect(formatError(misspelt, true).message).toBe('Cannot query field "venus" on type "Query".');
    const variable = {
      message:
        'Variable "$input" got invalid value "EMAL" at "input[0].channel"; Value "EMAL" does not exist in "NotificationChannel" enum. Did you mean the enum value "EMAIL"?',
      extensions: { code: 'BAD_USER_INPUT' },
    };
    expect(formatError(variable, true)).toEqual({
      message:
        'Variable "$input" got invalid value "EMAL" at "input[0].channel"; Value "EMAL" does not exist in "NotificationChannel" enum.',
      extensions: { code: 'BAD_USER_INPUT', field: 'channel' },
    });
  });

  it('gives the parser’s token limit a code of its own', () => {
    const tooLong = {
      message: 'Syntax Error: Document contains more that 2000 tokens. Parsing aborted.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    };
    expect(formatError(tooLong)).toEqual({
      message: 'Query has more than 2000 tokens',
      extensions: { code: 'QUERY_TOO_LARGE', maxTokens: 2000 },
    });
  });
});

import { Locale } from '@app/common';
import { describeMessages } from '@app/common/testing';
import { limitMessages, localisedError, transportMessages } from './graphql-error.messages';

describeMessages('limit', limitMessages, {
  tooManyAliases: [15],
  tooDeep: [12],
  tooComplex: [4321, 2000],
  expandsTooFar: [10000],
  tooManyTokens: [2000],
});

describeMessages('transport', transportMessages, {
  subscriptionOverHttp: ['/graphql'],
  queryOverWebSocket: ['/graphql'],
  mutationOverWebSocket: ['/graphql'],
});

describe('localisedError', () => {
  const tooDeep = {
    message: 'Query is nested deeper than 12 levels',
    extensions: { code: 'QUERY_TOO_DEEP', maxDepth: 12 },
  };

  it('says a limit again from its extensions in the reader’s language', () => {
    expect(localisedError(tooDeep, Locale.ZH_CN)).toEqual({
      ...tooDeep,
      message: '查询嵌套超过 12 层',
    });
    expect(localisedError(tooDeep, Locale.EN)).toEqual(tooDeep);
  });

  it('leaves other errors as they are', () => {
    const other = {
      message: 'Cannot query field "x"',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    };
    expect(localisedError(other, Locale.ZH_CN)).toBe(other);
  });
});

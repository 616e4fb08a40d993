import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLFormattedError } from 'graphql';
import { Locale, Message, messages, textIn } from '@app/common';
import { GraphQLContext } from './graphql-context';
import { readerLocale } from '../common/reader-locale';

/** What the operation limits say, in both languages. */
export const limitMessages = messages({
  tooManyAliases: (maxAliases: number) => ({
    zh: `查询使用的别名超过 ${maxAliases} 个`,
    en: `Query uses more than ${maxAliases} aliases`,
  }),
  tooDeep: (maxDepth: number) => ({
    zh: `查询嵌套超过 ${maxDepth} 层`,
    en: `Query is nested deeper than ${maxDepth} levels`,
  }),
  tooComplex: (cost: number, maxCost: number) => ({
    zh: `查询成本为 ${cost}，超过上限 ${maxCost}`,
    en: `Query costs ${cost}, more than the limit of ${maxCost}`,
  }),
});

type Extensions = Readonly<Record<string, unknown>>;

/**
 * Errors raised as GraphQLErrors rather than domain errors (no exception filter sees them), by
 * `extensions.code`: each says its message again from its extensions in the reader's language.
 * A new code of that kind gets its line here.
 */
const MESSAGE_OF_CODE: Record<string, (extensions: Extensions) => Message> = {
  TOO_MANY_ALIASES: (e) => limitMessages.tooManyAliases(Number(e.maxAliases)),
  QUERY_TOO_DEEP: (e) => limitMessages.tooDeep(Number(e.maxDepth)),
  QUERY_TOO_COMPLEX: (e) => limitMessages.tooComplex(Number(e.cost), Number(e.maxCost)),
};

/** The error with its message in `locale`, where its code is one MESSAGE_OF_CODE says. */
export function localisedError(
  error: GraphQLFormattedError,
  locale: Locale,
): GraphQLFormattedError {
  const code = error.extensions?.code;
  const say = typeof code === 'string' ? MESSAGE_OF_CODE[code] : undefined;
  return say ? { ...error, message: textIn(say(error.extensions ?? {}), locale) } : error;
}

/** Says the errors of MESSAGE_OF_CODE in the reader's language (see readerLocale). */
export function localisedErrorsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const body = response.body;
          if (body.kind !== 'single' || !body.singleResult.errors) return;
          const locale = readerLocale(contextValue.req);
          body.singleResult.errors = body.singleResult.errors.map((error) =>
            localisedError(error, locale),
          );
        },
      };
    },
  };
}

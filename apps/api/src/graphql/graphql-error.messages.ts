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
  expandsTooFar: (maxSelections: number) => ({
    zh: `查询展开后超过 ${maxSelections} 个选择`,
    en: `Query expands to more than ${maxSelections} selections`,
  }),
  tooManyTokens: (maxTokens: number) => ({
    zh: `查询超过 ${maxTokens} 个词法单元`,
    en: `Query has more than ${maxTokens} tokens`,
  }),
});

/** What a client sending an operation over the wrong transport is told. */
export const transportMessages = messages({
  subscriptionOverHttp: (path: string) => ({
    zh: `订阅不通过 HTTP 提供：请用 graphql-ws 协议（graphql-transport-ws）通过 WebSocket 连接 ${path} 订阅`,
    en: `Subscriptions are not served over HTTP: subscribe over a WebSocket to ${path} with the graphql-ws protocol (graphql-transport-ws)`,
  }),
  queryOverWebSocket: (path: string) => ({
    zh: `请通过 HTTP（POST ${path}）发送查询；此 WebSocket 只提供订阅`,
    en: `Send queries over HTTP (POST ${path}); this WebSocket serves subscriptions only`,
  }),
  mutationOverWebSocket: (path: string) => ({
    zh: `请通过 HTTP（POST ${path}）发送变更；此 WebSocket 只提供订阅`,
    en: `Send mutations over HTTP (POST ${path}); this WebSocket serves subscriptions only`,
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
  QUERY_TOO_COMPLEX: (e) =>
    e.maxSelections !== undefined
      ? limitMessages.expandsTooFar(Number(e.maxSelections))
      : limitMessages.tooComplex(Number(e.cost), Number(e.maxCost)),
  QUERY_TOO_LARGE: (e) => limitMessages.tooManyTokens(Number(e.maxTokens)),
  SUBSCRIPTION_OVER_HTTP: (e) => transportMessages.subscriptionOverHttp(String(e.path)),
  WRONG_TRANSPORT: (e) =>
    e.operation === 'mutation'
      ? transportMessages.mutationOverWebSocket(String(e.path))
      : transportMessages.queryOverWebSocket(String(e.path)),
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

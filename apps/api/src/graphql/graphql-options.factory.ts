import { join } from 'node:path';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLFormattedError } from 'graphql';
import { AppConfig } from '@app/config';
import { GraphQLContext } from './graphql-context';
import { localisedErrorsPlugin } from './graphql-error.messages';
import { httpSubscriptionsPlugin } from './http-subscriptions.plugin';
import { LoadersFactory } from './loaders.factory';
import { OperationRules } from './operation-rules';
import { queryLimitsPlugin } from './query-limits.plugin';

/** Queries and mutations over HTTP, subscriptions over graphql-ws, on the same path. */
export const GRAPHQL_PATH = '/graphql';

/** Where the generated SDL is committed, so contract changes show in review. */
export const SCHEMA_FILE = join(process.cwd(), 'apps/api/schema.gql');

/**
 * Variable coercion errors from graphql-js name the failing path only in the message
 * ('... at "input.seatedCapacity"; ...' or 'Variable "$id" ...'): lift it into extensions.field.
 */
export function fieldOfCoercionError(message: string): string | undefined {
  const at = /at "[^".]+\.([^"]+)"/.exec(message);
  if (at) return at[1];
  const variable = /^Variable "\$([^"]+)"/.exec(message);
  return variable?.[1];
}

/** graphql-js stops coercing variables after 50 bad ones with an error Apollo leaves unclassified. */
const VARIABLE_ERROR_LIMIT =
  'Too many errors processing variables, error limit reached. Execution aborted.';

/** The parser's answer past the token limit (its own spelling), a syntax error to Apollo. */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\b/;

/** graphql-js ends a message with its guesses at a misspelt name: " Did you mean "venues"?" */
const SUGGESTION = / Did you mean .+?\?$/;

/**
 * Every transport's last word on an error: no internals, and codes where graphql-js gives none.
 * `hideSuggestions`: drop the guesses at names, which would give the schema away.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  hideSuggestions = false,
): GraphQLFormattedError {
  const extensions = { ...formatted.extensions };
  delete extensions.stacktrace;
  delete extensions.exception;
  delete extensions.originalError;
  let message = hideSuggestions ? formatted.message.replace(SUGGESTION, '') : formatted.message;
  if (message === VARIABLE_ERROR_LIMIT) extensions.code = 'BAD_USER_INPUT';
  if (extensions.code === 'BAD_USER_INPUT' && !extensions.field) {
    const field = fieldOfCoercionError(message);
    if (field) extensions.field = field;
  }
  const tokens = TOO_MANY_TOKENS.exec(message);
  if (tokens) {
    extensions.code = 'QUERY_TOO_LARGE';
    extensions.maxTokens = Number(tokens[1]);
    message = `Query has more than ${tokens[1]} tokens`;
  }
  return {
    message,
    locations: formatted.locations,
    path: formatted.path,
    extensions,
  };
}

export function graphqlOptions(
  config: AppConfig,
  loaders: LoadersFactory,
  rules: OperationRules,
): ApolloDriverConfig {
  return {
    autoSchemaFile: config.mode === 'production' ? true : SCHEMA_FILE,
    sortSchema: true,
    path: GRAPHQL_PATH,
    playground: false,
    // Refused by a validation rule of OperationRules instead, the same over WebSocket.
    introspection: true,
    parseOptions: rules.parseOptions,
    validationRules: rules.validationRules,
    includeStacktraceInErrorResponses: false,
    // No automatic persisted queries: Apollo keeps them in each instance's memory, so behind a
    // load balancer a hash registered at one is unknown at the next; they serve CDN caching, and
    // no answer here is cacheable; and Apollo codes a malformed extension INTERNAL_SERVER_ERROR.
    // Clients get PERSISTED_QUERY_NOT_SUPPORTED and send the query itself.
    persistedQueries: false,
    plugins: [
      // Apollo's default cache-control plugin hooks every field of every operation to work out
      // a cache policy; no field is cacheable here (answers depend on the caller), so it is off.
      ApolloServerPluginCacheControlDisabled(),
      httpSubscriptionsPlugin(GRAPHQL_PATH),
      queryLimitsPlugin(rules.checkLimits),
      localisedErrorsPlugin(),
    ],
    formatError: (formatted) => formatError(formatted, rules.hideSuggestions),
    // Errors a field resolver throws (a nested booking or staff schedule the caller may not see)
    // go through the same exception filter as the operations', so they keep their codes.
    fieldResolverEnhancers: ['filters'],
    // Subscriptions are served by GraphQLWebSocketServer, not the driver.
    context: ({ req }: { req: GraphQLContext['req'] }): GraphQLContext => ({
      req,
      loaders: loaders.create(),
    }),
  };
}

import { join } from 'node:path';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { AppConfig } from '@app/config';
import { GraphQLContext } from './graphql-context';
import { GraphQLExceptionFilter } from './graphql-exception.filter';
import { LoadersFactory } from './loaders.factory';
import { queryLimitsPlugin } from './query-limits.plugin';

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

/**
 * Field resolvers run without Nest's exception filter, so that they take @nestjs/graphql's fast
 * path (docs/graphql-stack.md): what one throws arrives here as thrown, and is mapped as the
 * filter maps the operations' errors.
 */
const fieldErrors = new GraphQLExceptionFilter();

export function formatError(
  formatted: GraphQLFormattedError,
  error?: unknown,
): GraphQLFormattedError {
  const thrown = unwrapResolverError(error);
  if (thrown !== error && !(thrown instanceof GraphQLError)) {
    const mapped = fieldErrors.toGraphQLError(thrown);
    formatted = { ...formatted, message: mapped.message, extensions: mapped.extensions };
  }
  const extensions = { ...formatted.extensions };
  delete extensions.stacktrace;
  delete extensions.exception;
  delete extensions.originalError;
  if (formatted.message === VARIABLE_ERROR_LIMIT) extensions.code = 'BAD_USER_INPUT';
  if (extensions.code === 'BAD_USER_INPUT' && !extensions.field) {
    const field = fieldOfCoercionError(formatted.message);
    if (field) extensions.field = field;
  }
  return {
    message: formatted.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions,
  };
}

export function graphqlOptions(config: AppConfig, loaders: LoadersFactory): ApolloDriverConfig {
  return {
    autoSchemaFile: config.mode === 'production' ? true : SCHEMA_FILE,
    sortSchema: true,
    path: '/graphql',
    playground: false,
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: false,
    plugins: [
      // Apollo's default cache-control plugin hooks every field of every operation to work out
      // a cache policy; no field is cacheable here (answers depend on the caller), so it is off.
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin({
        maxDepth: config.graphql.maxDepth,
        maxCost: config.graphql.maxCost,
        maxAliases: config.graphql.maxAliases,
      }),
    ],
    formatError,
    // Subscriptions over graphql-ws; the client sends its token as connectionParams.authorization.
    subscriptions: { 'graphql-ws': true },
    context: (source: {
      req?: GraphQLContext['req'];
      connectionParams?: Record<string, unknown>;
    }): GraphQLContext => ({
      req: source.req ?? socketRequest(source.connectionParams),
      loaders: loaders.create(),
    }),
  };
}

/** A WebSocket operation has no HTTP request: the guard reads the token from the connection. */
function socketRequest(params: Record<string, unknown> = {}): GraphQLContext['req'] {
  const authorization = typeof params.authorization === 'string' ? params.authorization : '';
  return { headers: { authorization } } as GraphQLContext['req'];
}

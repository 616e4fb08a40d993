import { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { getOperationAST } from 'graphql';
import { BoundedLabel } from '@app/common';
import { ApiMetrics } from './api-metrics';

/** What stands for an operation's name when it has none, or could not be read. */
export const ANONYMOUS_OPERATION = 'anonymous';
export const INVALID_OPERATION = 'invalid';

/** A code label of the catalogue's shape; anything else is folded. */
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Times each GraphQL operation over HTTP by its name and type, and counts the errors of its
 * response by extensions.code (as the client sees them, after formatting). Names come from the
 * parsed document, so a name is a GraphQL name; the first MAX_OPERATION_NAMES get their own
 * series and later ones share "other". A document that does not parse is "invalid".
 */
export function graphqlMetricsPlugin(metrics: ApiMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stop = metrics.operationDuration.startTimer();
      return {
        async willSendResponse(context) {
          const { operation, type } = operationOf(context, metrics.operationNames);
          stop({ operation, type });
          const body = context.response.body;
          if (body.kind !== 'single') return;
          for (const error of body.singleResult.errors ?? []) {
            const code = error.extensions?.code;
            metrics.errors.inc({
              code: typeof code === 'string' && CODE.test(code) ? code : 'OTHER',
              operation,
            });
          }
        },
      };
    },
  };
}

function operationOf(
  context: GraphQLRequestContextWillSendResponse<object>,
  names: BoundedLabel,
): {
  operation: string;
  type: string;
} {
  const resolved =
    context.operation ??
    (context.document
      ? getOperationAST(context.document, context.request.operationName ?? undefined)
      : null);
  if (!resolved) return { operation: INVALID_OPERATION, type: 'unknown' };
  const name = resolved.name?.value;
  return {
    operation: name ? names.of(name) : ANONYMOUS_OPERATION,
    type: resolved.operation,
  };
}

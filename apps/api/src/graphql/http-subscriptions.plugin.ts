import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { transportMessages } from './graphql-error.messages';

const SUBSCRIPTION_OVER_HTTP = 'SUBSCRIPTION_OVER_HTTP';

/**
 * Subscriptions are served over WebSocket only. Over HTTP, graphql-js would run the subscription
 * field's resolver once, without an event, and answer whatever that throws; this refuses them
 * before any resolver runs, with status 400, whether POSTed or sent with GET.
 */
export function httpSubscriptionsPlugin(graphqlPath: string): ApolloServerPlugin {
  const message = transportMessages.subscriptionOverHttp(graphqlPath).en;
  const extensions = { code: SUBSCRIPTION_OVER_HTTP, path: graphqlPath };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION)
            throw new GraphQLError(message, {
              extensions: { ...extensions, http: { status: 400 } },
            });
        },
        // Apollo refuses a GET of anything but a query itself, before didResolveOperation, with
        // 405 and Allow: POST, which would only send the client to another wrong transport.
        async willSendResponse({ request, operation, response }) {
          if (
            request.http?.method !== 'GET' ||
            operation?.operation !== OperationTypeNode.SUBSCRIPTION
          )
            return;
          response.body = {
            kind: 'single',
            singleResult: { errors: [{ message, extensions }] },
          };
          response.http.status = 400;
          response.http.headers.delete('allow');
        },
      };
    },
  };
}

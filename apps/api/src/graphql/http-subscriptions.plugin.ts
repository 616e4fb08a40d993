import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';

const SUBSCRIPTION_OVER_HTTP = 'SUBSCRIPTION_OVER_HTTP';

/**
 * Subscriptions are served over WebSocket only. Over HTTP, graphql-js would run the subscription
 * field's resolver once, without an event, and answer whatever that throws; this refuses them
 * before any resolver runs, with status 400, whether POSTed or sent with GET.
 */
export function httpSubscriptionsPlugin(graphqlPath: string): ApolloServerPlugin {
  const message = `Subscriptions are not served over HTTP: subscribe over a WebSocket to ${graphqlPath} with the graphql-ws protocol (graphql-transport-ws)`;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION)
            throw new GraphQLError(message, {
              extensions: { code: SUBSCRIPTION_OVER_HTTP, http: { status: 400 } },
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
            singleResult: { errors: [{ message, extensions: { code: SUBSCRIPTION_OVER_HTTP } }] },
          };
          response.http.status = 400;
          response.http.headers.delete('allow');
        },
      };
    },
  };
}

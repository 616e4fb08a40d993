import { IncomingMessage, Server } from 'node:http';
import { Duplex } from 'node:stream';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  DocumentNode,
  ExecutionArgs,
  getOperationAST,
  GraphQLError,
  GraphQLFormattedError,
  getVariableValues,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { CloseCode, Context, SubscribePayload } from 'graphql-ws';
import { Extra, useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { Actor, AuthError, AuthService, bearerToken } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { GraphQLContext } from './graphql-context';
import { localisedError, transportMessages } from './graphql-error.messages';
import { formatError } from './graphql-options.factory';
import { LoadersFactory } from './loaders.factory';
import { MAX_REQUEST_BYTES, OperationRules } from './operation-rules';
import { clientAddress } from '../common/client-address';
import { readerLocale } from '../common/reader-locale';

export const GRAPHQL_PATH = '/graphql';

type Socket = Context<Record<string, unknown> | undefined, Extra>;

/**
 * Subscriptions over graphql-ws at /graphql, and nothing else: queries and mutations go over HTTP.
 * The connection needs a valid token (connectionParams.authorization) before any operation, and
 * each subscription passes the same token, parser, validation and limits as an HTTP request
 * (OperationRules); its guards (sign-in, roles, rate limits) run as over HTTP, against the
 * client's address behind TRUST_PROXY_HOPS proxies.
 */
@Injectable()
export class GraphQLWebSocketServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('GraphQLWebSocket');
  private stop?: () => Promise<void>;
  /** Who each connection signed in as: the language its errors are said in. */
  private readonly actors = new WeakMap<Socket, Actor>();

  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly adapterHost: HttpAdapterHost,
    private readonly rules: OperationRules,
    private readonly auth: AuthService,
    private readonly loaders: LoadersFactory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const http = this.adapterHost.httpAdapter.getHttpServer() as Server;
    // A bigger message closes the connection (1009) unread, as a bigger HTTP body gets 413.
    const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
    const server = useServer<Record<string, unknown> | undefined>(
      {
        onConnect: (socket) => this.signIn(socket),
        onSubscribe: (socket, _id, payload) => this.prepare(socket, payload),
        onError: (socket, _id, _payload, errors) =>
          errors.map((error) => this.format(socket, error)),
        onNext: (socket, _id, _payload, _args, result) =>
          result.errors
            ? { ...result, errors: result.errors.map((e) => this.format(socket, e)) }
            : undefined,
      },
      sockets,
    );
    const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== GRAPHQL_PATH) {
        socket.destroy();
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => {
        sockets.emit('connection', ws, request);
        // A client's broken or oversized frame: ws has closed the connection already (1009 and
        // the like), where graphql-ws would print the error as its own.
        ws.removeAllListeners('error');
        ws.on('error', (error) => this.logger.debug(`closed a WebSocket: ${error.message}`));
      });
    };
    http.on('upgrade', upgrade);
    this.stop = async () => {
      http.off('upgrade', upgrade);
      await server.dispose();
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop?.();
  }

  /** No token: 4401, graphql-ws's "unauthorized"; a bad one: 4403, so a client may sign in again. */
  private async signIn(socket: Socket): Promise<boolean> {
    const token = bearerToken(socket.connectionParams?.authorization);
    if (!token) {
      return refuse(socket, CloseCode.Unauthorized, 'Sign in: send connectionParams.authorization');
    }
    try {
      this.actors.set(socket, await this.auth.authenticate(token));
      return true;
    } catch (error) {
      if (error instanceof AuthError) return refuse(socket, CloseCode.Forbidden, error.message);
      this.logger.warn(`could not check a WebSocket token: ${String(error)}`);
      return refuse(
        socket,
        CloseCode.InternalServerError,
        'Service briefly unavailable; try again',
      );
    }
  }

  /** What HTTP does before execution, in the same order, or the errors that stop it. */
  private prepare(socket: Socket, payload: SubscribePayload): ExecutionArgs | GraphQLError[] {
    const schema = this.schemaHost.schema;
    let document: DocumentNode;
    try {
      document = parse(payload.query, this.rules.parseOptions);
    } catch (error) {
      if (error instanceof GraphQLError) return [coded(error, 'GRAPHQL_PARSE_FAILED')];
      throw error;
    }
    const operation = getOperationAST(document, payload.operationName);
    if (operation && operation.operation !== OperationTypeNode.SUBSCRIPTION) {
      return [
        new GraphQLError(
          (operation.operation === OperationTypeNode.QUERY
            ? transportMessages.queryOverWebSocket(GRAPHQL_PATH)
            : transportMessages.mutationOverWebSocket(GRAPHQL_PATH)
          ).en,
          {
            extensions: {
              code: 'WRONG_TRANSPORT',
              operation: operation.operation,
              path: GRAPHQL_PATH,
            },
          },
        ),
      ];
    }
    const invalid = validate(schema, document, [...specifiedRules, ...this.rules.validationRules]);
    if (invalid.length) return invalid.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED'));
    if (!operation) {
      const message = payload.operationName
        ? `Unknown operation named "${payload.operationName}".`
        : 'Must provide operation name if query contains multiple operations.';
      return [new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
    }
    const problem = this.rules.checkLimits(
      schema,
      document,
      payload.operationName,
      payload.variables,
    );
    if (problem) return [problem];
    // Variables that do not coerce are the client's mistake, as Apollo codes them over HTTP
    // (execution would report them without a code).
    const coerced = getVariableValues(
      schema,
      operation.variableDefinitions ?? [],
      payload.variables ?? {},
      { maxErrors: 50 },
    );
    if (coerced.errors) return coerced.errors.map((error) => coded(error, 'BAD_USER_INPUT'));
    const context: GraphQLContext = { req: this.requestOf(socket), loaders: this.loaders.create() };
    return {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue: context,
    };
  }

  /**
   * What the guards read of an HTTP request: the token, the client's address, and the upgrade
   * request's Accept-Language (the language of errors, with the account's locale).
   */
  private requestOf(socket: Socket): GraphQLContext['req'] {
    const authorization = socket.connectionParams?.authorization;
    return {
      headers: {
        authorization: typeof authorization === 'string' ? authorization : '',
        'accept-language': socket.extra.request.headers['accept-language'],
      },
      ip: clientAddress(socket.extra.request, this.config.trustProxyHops),
    } as GraphQLContext['req'];
  }

  /**
   * As Apollo does for HTTP before formatError: a code always, and no HTTP details; said in the
   * reader's language as the localised-errors plugin says it over HTTP.
   */
  private format(socket: Socket, error: GraphQLError): GraphQLFormattedError {
    const { http: _http, ...extensions } = error.extensions;
    const formatted = formatError(
      {
        ...error.toJSON(),
        extensions: { ...extensions, code: extensions.code ?? 'INTERNAL_SERVER_ERROR' },
      },
      this.rules.hideSuggestions,
    );
    const reader = { actor: this.actors.get(socket), headers: socket.extra.request.headers };
    return localisedError(formatted, readerLocale(reader));
  }
}

function refuse(socket: Socket, code: CloseCode, reason: string): false {
  socket.extra.socket.close(code, reason);
  return false;
}

function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

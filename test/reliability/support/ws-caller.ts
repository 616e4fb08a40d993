import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

interface CodedError {
  message: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

/** One operation's answer over graphql-ws, whichever way it came. */
export type WsAnswer =
  /** A result, as over HTTP: data, errors or both. */
  | { kind: 'result'; data?: Record<string, unknown> | null; errors?: CodedError[] }
  /** The server refused the operation with GraphQL errors (an `error` message). */
  | { kind: 'refused'; errors: CodedError[] }
  /** The socket closed, or the client failed, with no GraphQL error. */
  | { kind: 'closed'; reason: string };

/** graphql-ws clients to one API, one per token, each keeping its socket open between operations. */
export class WsCaller {
  private readonly clients = new Map<string, Client>();

  constructor(private readonly httpUrl: string) {}

  call(document: string, variables: Record<string, unknown>, token: string): Promise<WsAnswer> {
    const client = this.clientFor(token);
    return new Promise((resolve) => {
      let result: WsAnswer | undefined;
      client.subscribe(
        { query: document, variables },
        {
          next: (value) => {
            result = {
              kind: 'result',
              data: value.data,
              errors: value.errors as CodedError[] | undefined,
            };
          },
          error: (error: unknown) => {
            if (Array.isArray(error)) resolve({ kind: 'refused', errors: error as CodedError[] });
            else resolve({ kind: 'closed', reason: describe(error) });
          },
          complete: () => resolve(result ?? { kind: 'closed', reason: 'completed with no result' }),
        },
      );
    });
  }

  async close(): Promise<void> {
    for (const client of this.clients.values()) await client.dispose();
  }

  private clientFor(token: string): Client {
    let client = this.clients.get(token);
    if (!client) {
      client = createClient({
        url: `${this.httpUrl.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        // Connects now and stays open for every operation (one after a close connects again).
        lazy: false,
      });
      this.clients.set(token, client);
    }
    return client;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const close = error as { code?: number; reason?: string };
  if (typeof close?.code === 'number') return `socket closed ${close.code} ${close.reason ?? ''}`;
  return String(error);
}

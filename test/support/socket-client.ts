import { INestApplication } from '@nestjs/common';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { NotificationDeliveryService, NotificationKind } from '@app/notifications';

/** How one graphql-ws operation ended first: an answer, its errors, or the connection closing. */
export interface SocketOutcome {
  data?: any;
  errors?: { message: string; extensions: { code: string; [key: string]: unknown } }[];
  closed?: { code: number; reason: string };
}

/** The first error's code, or the close code when the connection was refused. */
export function socketCode(outcome: SocketOutcome): string | number | undefined {
  return outcome.errors?.[0]?.extensions.code ?? outcome.closed?.code;
}

export const RECEIVED = 'subscription { notificationReceived { id subject } }';

/**
 * A graphql-ws client of the API at `url` (http://…), signed in with `token` when given, as if
 * behind a proxy that reports `forwardedFor` as the client's address.
 */
export class SocketClient {
  private readonly client: Client;

  constructor(url: string, token?: string, forwardedFor?: string) {
    const headers = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
    class ForwardedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    }
    this.client = createClient({
      url: `${url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: ForwardedWebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
    });
  }

  /** Runs an operation until its first answer, its errors or the connection's close. */
  first(query: string, variables: Record<string, unknown> = {}): Promise<SocketOutcome> {
    return new Promise((resolve) => {
      const stop = this.client.subscribe(
        { query, variables },
        {
          next: (result) => {
            resolve(result as SocketOutcome);
            stop();
          },
          error: (error: unknown) => resolve(outcomeOf(error)),
          complete: () => resolve({}),
        },
      );
    });
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function outcomeOf(error: unknown): SocketOutcome {
  if (Array.isArray(error)) return { errors: error as SocketOutcome['errors'] };
  const closed = error as { code?: unknown; reason?: unknown };
  if (typeof closed.code === 'number')
    return { closed: { code: closed.code, reason: String(closed.reason) } };
  throw error;
}

/**
 * Whether `client`'s notificationReceived subscription (`query`) starts: notices for
 * `recipientId` are delivered until the first reaches it (a subscription has no acknowledgement
 * to wait for), or the subscription is refused. Empty when neither happened in 20 s.
 */
export async function subscriptionOutcome(
  app: INestApplication,
  client: SocketClient,
  recipientId: string,
  query = RECEIVED,
): Promise<SocketOutcome> {
  const delivery = app.get(NotificationDeliveryService);
  let settled: SocketOutcome | undefined;
  const outcome = client.first(query).then((value) => (settled = value));
  for (let n = 0; !settled && n < 80; n++) {
    await delivery.deliver([
      {
        recipientId,
        kind: NotificationKind.BOOKING_APPROVED,
        deliveryKey: `socket-client:${recipientId}:${Date.now()}:${n}`,
        bookingId: null,
        critical: false,
        needsAcknowledgement: false,
        subjectZh: '通知',
        subjectEn: 'Notice',
        bodyZh: '正文',
        bodyEn: 'Body',
      },
    ]);
    await Promise.race([outcome, new Promise((resolve) => setTimeout(resolve, 250))]);
  }
  return settled ?? {};
}

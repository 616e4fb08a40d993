import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const CLIENT_GONE = new Set(['ECONNRESET', 'EPIPE']);

/** A local SMTP server that keeps what it is sent, parsed, for tests. */
export class SmtpSink {
  private constructor(
    private readonly server: SMTPServer,
    readonly messages: ParsedMail[],
    private readonly counts: { receiving: number },
  ) {}

  /** Messages whose data has begun to arrive (some may not be accepted yet). */
  get receiving(): number {
    return this.counts.receiving;
  }

  /** acceptAfterMs: a slow server, which answers each message that much later. */
  static async start(options: { acceptAfterMs?: number } = {}): Promise<SmtpSink> {
    const messages: ParsedMail[] = [];
    const counts = { receiving: 0 };
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        counts.receiving += 1;
        simpleParser(stream)
          .then(async (mail) => {
            if (options.acceptAfterMs)
              await new Promise((resolve) => setTimeout(resolve, options.acceptAfterMs));
            messages.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    // A worker killed mid-message resets its connection, which smtp-server reports as a server
    // error; that is the client going away, not the sink failing. Anything else still throws.
    server.on('error', (error: NodeJS.ErrnoException) => {
      if (!CLIENT_GONE.has(error.code ?? '')) throw error;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new SmtpSink(server, messages, counts);
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

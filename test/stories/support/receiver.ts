import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Received {
  delivery: string;
  body: string;
  answer: number;
}

/** A webhook receiver on this machine: answers each POST with the next status in line, then 200. */
export class Receiver {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** What each POST carried and what it was answered, in order. */
    readonly received: Received[],
  ) {}

  static async start(answers: number[]): Promise<Receiver> {
    const queue = [...answers];
    const received: Received[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answer = queue.shift() ?? 200;
        received.push({
          delivery: String(request.headers['x-venues-delivery']),
          body: Buffer.concat(chunks).toString('utf8'),
          answer,
        });
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new Receiver(server, `http://127.0.0.1:${port}/hooks/venues`, received);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

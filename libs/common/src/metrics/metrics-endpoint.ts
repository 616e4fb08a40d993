import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Registry } from 'prom-client';
import { closeMetricsServer, listenForMetrics, METRICS_PATH, portOf } from './metrics-server';

/**
 * A process's metrics server on a port of its own (METRICS_PORT for the API,
 * WORKER_METRICS_PORT for the worker): it listens once the application has started and closes
 * with it; with no port, nothing is served. Provided with a factory: see metricsEndpoint.
 */
export class MetricsEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsEndpoint.name);
  private server: Server | null = null;

  constructor(
    private readonly registry: Registry,
    private readonly host: string,
    private readonly port: number | null,
  ) {}

  /** The port it listens on (the one it took for port 0), null when it does not. */
  get listeningPort(): number | null {
    return this.server ? portOf(this.server) : null;
  }

  /** The address it is bound to, null when it does not listen. */
  get listeningAddress(): string | null {
    return this.server ? (this.server.address() as AddressInfo).address : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.port === null) return;
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    try {
      this.server = await listenForMetrics(this.registry, this.host, this.port);
    } catch (error) {
      // The process's work matters more than its metrics (a port taken by another worker on the
      // host): it goes on, and the scrape target shows as down.
      this.logger.error(`metrics not served: ${host}:${this.port}: ${(error as Error).message}`);
      return;
    }
    this.logger.log(`metrics on http://${host}:${this.listeningPort}${METRICS_PATH}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.server) await closeMetricsServer(this.server);
    this.server = null;
  }
}

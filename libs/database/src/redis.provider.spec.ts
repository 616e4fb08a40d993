import Redis, { Cluster } from 'ioredis';
import { AppConfig } from '@app/config';
import { createRedisClient, QueueConnections } from './redis.provider';

const single: AppConfig['redis'] = {
  url: 'redis://reader:p%40ss@10.1.2.3:6390/4',
  queuePrefix: 'venues',
  clusterNodes: null,
};
const cluster: AppConfig['redis'] = {
  url: 'rediss://:secret@127.0.0.1:6379/0',
  queuePrefix: '{venues}',
  clusterNodes: [
    { host: '10.0.0.1', port: 7001 },
    { host: '10.0.0.2', port: 7002 },
  ],
};

describe('createRedisClient', () => {
  it('reaches the one server of REDIS_URL, with the options of its use', () => {
    const client = createRedisClient(single, 'app', { lazyConnect: true });
    expect(client).toBeInstanceOf(Redis);
    expect((client as Redis).options).toMatchObject({
      host: '10.1.2.3',
      port: 6390,
      db: 4,
      username: 'reader',
      password: 'p@ss',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    client.disconnect();
  });

  it('makes a Cluster from the nodes, with REDIS_URL’s credentials and TLS on each node', () => {
    const client = createRedisClient(cluster, 'producer', { lazyConnect: true });
    expect(client).toBeInstanceOf(Cluster);
    const options = (client as Cluster).options;
    expect(options.enableOfflineQueue).toBe(false);
    expect(options.redisOptions).toMatchObject({
      password: 'secret',
      tls: {},
      maxRetriesPerRequest: null,
    });
    expect(options.redisOptions).not.toHaveProperty('host');
    expect(options.redisOptions).not.toHaveProperty('db');
    client.disconnect();
  });
});

describe('QueueConnections', () => {
  it('gives BullMQ options on one server and a shared Cluster on a cluster', async () => {
    const forSingle = new QueueConnections({ redis: single } as AppConfig);
    expect(forSingle.connectionFor('queue')).toMatchObject({
      host: '10.1.2.3',
      port: 6390,
      db: 4,
      maxRetriesPerRequest: null,
    });
    const forCluster = new QueueConnections({ redis: cluster } as AppConfig);
    const connection = forCluster.connectionFor('queue');
    expect(connection).toBeInstanceOf(Cluster);
    await forCluster.onApplicationShutdown();
    // Nothing answers at those nodes: quitting fails, and the client is dropped instead.
    expect(['disconnecting', 'close', 'end']).toContain((connection as Cluster).status);
  });
});

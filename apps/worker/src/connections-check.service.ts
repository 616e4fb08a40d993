import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { REDIS, RedisClient } from '@app/database';

/** Proves at start-up that the worker reaches both the database and Redis. */
@Injectable()
export class ConnectionsCheckService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConnectionsCheckService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.query('SELECT 1');
    await this.redis.ping();
    this.logger.log('connected to the database and Redis');
  }
}

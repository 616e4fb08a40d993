import { NestFactory } from '@nestjs/core';
import { AppConfig, EnvironmentSource, loadConfig } from '@app/config';
import { runMigrations } from '@app/database';
import { CliModule } from './cli.module';
import { DemoSeedService } from './demo/demo-seed.service';

export async function migrate(config: AppConfig): Promise<string[]> {
  return runMigrations(config.database.url);
}

export async function seedDemo(
  overrides: EnvironmentSource = {},
): Promise<{ users: number; venues: number; staff: number }> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(overrides), {
    logger: ['error', 'warn'],
  });
  try {
    return await app.get(DemoSeedService).seed();
  } finally {
    await app.close();
  }
}

export const COMMANDS: Record<string, (overrides?: EnvironmentSource) => Promise<unknown>> = {
  migrate: (overrides) => migrate(loadConfig(overrides)),
  seed: seedDemo,
};

import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, EnvironmentSource, loadConfig } from './app-config';

@Global()
@Module({})
export class ConfigModule {
  /** Validates the environment (plus overrides, used by tests) once, at start-up. */
  static forRoot(overrides: EnvironmentSource = {}): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: loadConfig(overrides) }],
      exports: [APP_CONFIG],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { ConfigModule, EnvironmentSource } from '@app/config';
import { DatabaseModule } from '@app/database';
import { TypeOrmModule } from '@nestjs/typeorm';
import { STAFF_ENTITIES } from '@app/staffing';
import { VenuesModule } from '@app/venues';
import { DemoSeeder } from './demo/demo-seeder';

@Module({})
export class CliModule {
  static forRoot(overrides: EnvironmentSource = {}): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(overrides),
        DatabaseModule.forRoot(),
        AuthModule,
        VenuesModule,
        // Entities only: the demo writes staff rows directly.
        TypeOrmModule.forFeature(STAFF_ENTITIES),
      ],
      providers: [DemoSeeder],
    };
  }
}

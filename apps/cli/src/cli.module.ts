import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { ConfigModule, EnvironmentSource } from '@app/config';
import { DatabaseModule, queuesRoot } from '@app/database';
import { StaffingModule } from '@app/staffing';
import { VenuesModule } from '@app/venues';
import { DemoSeedService } from './demo/demo-seed.service';

@Module({})
export class CliModule {
  static forRoot(overrides: EnvironmentSource = {}): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(overrides),
        DatabaseModule.forRoot(),
        queuesRoot('producer'),
        AuthModule,
        VenuesModule,
        StaffingModule,
      ],
      providers: [DemoSeedService],
    };
  }
}

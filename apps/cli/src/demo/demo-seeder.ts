import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, Role, UserEntity, UsersService } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SubdistrictEntity, VenueEntity, VenueInventoryService, VenueStatus } from '@app/venues';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { DEMO_VENUES, DemoVenue } from './demo-venues';

/**
 * Loads the demo accounts and venues through the same services the API uses. Running it again
 * adds only what is missing. Refused in production mode.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly venues: VenueInventoryService,
  ) {}

  async seed(): Promise<{ users: number; venues: number }> {
    if (this.config.mode === 'production')
      throw new Error('The demo seed never runs in production mode');
    const subdistricts = new Map(
      (await this.dataSource.getRepository(SubdistrictEntity).find()).map((s) => [s.code, s.id]),
    );
    const users = await this.seedAccounts(subdistricts);
    const venues = await this.seedVenues(subdistricts);
    this.logger.log(`demo seed: ${users} users and ${venues} venues added`);
    return { users, venues };
  }

  private async seedAccounts(subdistricts: Map<string, string>): Promise<number> {
    const repository = this.dataSource.getRepository(UserEntity);
    let added = 0;
    for (const account of DEMO_ACCOUNTS) {
      if (await repository.existsBy({ email: account.email })) continue;
      const user = await this.users.build({
        ...account,
        password: DEMO_PASSWORD,
        subdistrictId: account.subdistrictCode ? subdistricts.get(account.subdistrictCode) : null,
      });
      await repository.insert(user);
      added++;
    }
    return added;
  }

  private async seedVenues(subdistricts: Map<string, string>): Promise<number> {
    const admin = await this.dataSource
      .getRepository(UserEntity)
      .findOneByOrFail({ email: 'admin@demo.local' });
    const adminActor: Actor = { userId: admin.id, role: Role.DISTRICT_ADMIN, subdistrictId: null };
    const repository = this.dataSource.getRepository(VenueEntity);
    let added = 0;
    for (const demo of DEMO_VENUES) {
      const subdistrictId = subdistricts.get(demo.subdistrictCode);
      if (!subdistrictId)
        throw new Error(`demo venue ${demo.nameEn}: unknown subdistrict ${demo.subdistrictCode}`);
      if (await repository.existsBy({ subdistrictId, nameEn: demo.nameEn })) continue;
      const owner = await this.ownerOf(subdistrictId, adminActor);
      await this.bringTo(demo, subdistrictId, owner, adminActor);
      added++;
    }
    return added;
  }

  /** The subdistrict's demo manager where there is one, else the district admin. */
  private async ownerOf(subdistrictId: string, adminActor: Actor): Promise<Actor> {
    const manager = await this.dataSource
      .getRepository(UserEntity)
      .findOneBy({ role: Role.SUBDISTRICT_MANAGER, subdistrictId });
    return manager ? { userId: manager.id, role: manager.role, subdistrictId } : adminActor;
  }

  /** Walks the venue through the real lifecycle to the demo's state. */
  private async bringTo(
    demo: DemoVenue,
    subdistrictId: string,
    owner: Actor,
    admin: Actor,
  ): Promise<void> {
    const { subdistrictCode: _code, status, ...details } = demo;
    const venue = await this.venues.register(owner, { ...details, subdistrictId });
    if (status === VenueStatus.DRAFT) return;
    await this.venues.submitForReview(owner, venue.id);
    if (status === VenueStatus.PENDING_REVIEW) return;
    await this.venues.review(admin, venue.id, true);
    if (status === VenueStatus.SUSPENDED) {
      await this.venues.suspend(admin, venue.id, '修缮中 Closed for renovation');
    }
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, Locale, Role, UserEntity, UsersService } from '@app/auth';
import {
  StaffAvailabilityEntity,
  StaffKind,
  StaffLanguagePairEntity,
  StaffMemberEntity,
  StaffSkillEntity,
} from '@app/staffing';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SubdistrictEntity, VenueEntity, VenueInventoryService, VenueStatus } from '@app/venues';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { DEMO_INTERPRETERS, DEMO_OFFICERS } from './demo-staff';
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

  async seed(): Promise<{ users: number; venues: number; staff: number }> {
    if (this.config.mode === 'production')
      throw new Error('The demo seed never runs in production mode');
    const subdistricts = new Map(
      (await this.dataSource.getRepository(SubdistrictEntity).find()).map((s) => [s.code, s.id]),
    );
    const users = await this.seedAccounts(subdistricts);
    const venues = await this.seedVenues(subdistricts);
    const staff = await this.seedStaff();
    this.logger.log(`demo seed: ${users} users, ${venues} venues and ${staff} staff added`);
    return { users, venues, staff };
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

  /**
   * The interpreter and officer pools, each with an account and a weekday availability
   * (08:00–20:00 Beijing). Written directly: staff management arrives with the staffing issue.
   */
  private async seedStaff(): Promise<number> {
    let added = 0;
    const people = [
      ...DEMO_INTERPRETERS.map((p) => ({
        ...p,
        kind: StaffKind.INTERPRETER,
        role: Role.INTERPRETER,
      })),
      ...DEMO_OFFICERS.map((p) => ({
        ...p,
        kind: StaffKind.SECURITY_OFFICER,
        role: Role.SECURITY_OFFICER,
      })),
    ];
    for (const person of people) {
      await this.dataSource.transaction(async (manager) => {
        let user = await manager.getRepository(UserEntity).findOneBy({ email: person.email });
        if (!user) {
          user = await manager.getRepository(UserEntity).save(
            await this.users.build({
              email: person.email,
              password: DEMO_PASSWORD,
              role: person.role,
              displayName: `${person.nameZh} ${person.nameEn}`,
              locale: Locale.ZH_CN,
            }),
          );
        }
        if (await manager.getRepository(StaffMemberEntity).existsBy({ userId: user.id })) return;
        const now = new Date();
        const member = await manager.getRepository(StaffMemberEntity).save(
          Object.assign(new StaffMemberEntity(), {
            userId: user.id,
            kind: person.kind,
            nameZh: person.nameZh,
            nameEn: person.nameEn,
            accreditationLevel: 'accreditationLevel' in person ? person.accreditationLevel : null,
            unit: 'unit' in person ? person.unit : null,
            clearanceLevel: 'clearanceLevel' in person ? person.clearanceLevel : null,
            maxHoursPerDay: person.kind === StaffKind.INTERPRETER ? 8 : 10,
            timeZone: 'Asia/Shanghai',
            active: true,
            createdAt: now,
            updatedAt: now,
          }),
        );
        if ('language' in person) {
          await manager.getRepository(StaffLanguagePairEntity).insert(
            person.modes.flatMap((mode) => [
              { staffId: member.id, languageFrom: 'zh', languageTo: person.language, mode },
              { staffId: member.id, languageFrom: person.language, languageTo: 'zh', mode },
            ]),
          );
        }
        if ('skills' in person && person.skills.length) {
          await manager
            .getRepository(StaffSkillEntity)
            .insert(person.skills.map((skill) => ({ staffId: member.id, skill })));
        }
        await manager.getRepository(StaffAvailabilityEntity).insert(
          [1, 2, 3, 4, 5, 6].map((weekday) => ({
            staffId: member.id,
            weekday,
            fromMinute: 8 * 60,
            untilMinute: 20 * 60,
          })),
        );
        added++;
      });
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

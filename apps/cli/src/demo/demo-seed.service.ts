import { Inject, Injectable, Logger } from '@nestjs/common';
import { Actor, Role, UsersService } from '@app/auth';
import { InterpretationMode } from '@app/bookings';
import { APP_CONFIG, AppConfig } from '@app/config';
import { NewStaffMember, StaffKind, StaffManagementService } from '@app/staffing';
import {
  VenueCatalogService,
  VenueInventoryService,
  VenueStatus,
  VenueStepOptions,
} from '@app/venues';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { DEMO_INTERPRETERS, DEMO_OFFICERS } from './demo-staff';
import { DEMO_VENUES, DemoVenue } from './demo-venues';

const STAFF_ROLES = [Role.INTERPRETER, Role.SECURITY_OFFICER];
/** Seeded venue steps tell nobody (see bringTo). */
const QUIET: VenueStepOptions = { announce: false };

/** Demo staff work Monday to Saturday, 08:00–20:00 Beijing time. */
const DEMO_WEEK = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '08:00', until: '20:00' }));

/**
 * Loads the demo accounts and venues through the same services the API uses. Running it again
 * adds only what is missing. Refused in production mode.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly venues: VenueInventoryService,
    private readonly catalog: VenueCatalogService,
    private readonly staff: StaffManagementService,
  ) {}

  async seed(): Promise<{ users: number; venues: number; staff: number }> {
    if (this.config.mode === 'production')
      throw new Error('The demo seed never runs in production mode');
    const subdistricts = new Map((await this.catalog.subdistricts()).map((s) => [s.code, s.id]));
    const users = await this.seedAccounts(subdistricts);
    const admin = await this.actorOf('admin@demo.local');
    const venues = await this.seedVenues(subdistricts, admin);
    const staff = await this.seedStaff(admin);
    this.logger.log(`demo seed: ${users} users, ${venues} venues and ${staff} staff added`);
    return { users, venues, staff };
  }

  private async seedAccounts(subdistricts: Map<string, string>): Promise<number> {
    let added = 0;
    for (const account of DEMO_ACCOUNTS) {
      // Staff accounts come with their staff profile (seedStaff).
      if (STAFF_ROLES.includes(account.role)) continue;
      if (await this.users.findByEmail(account.email)) continue;
      const user = await this.users.build({
        ...account,
        password: DEMO_PASSWORD,
        subdistrictId: account.subdistrictCode ? subdistricts.get(account.subdistrictCode) : null,
      });
      await this.users.insert(user);
      added++;
    }
    return added;
  }

  private async seedVenues(subdistricts: Map<string, string>, admin: Actor): Promise<number> {
    let added = 0;
    for (const demo of DEMO_VENUES) {
      const subdistrictId = subdistricts.get(demo.subdistrictCode);
      if (!subdistrictId)
        throw new Error(`demo venue ${demo.nameEn}: unknown subdistrict ${demo.subdistrictCode}`);
      if (await this.catalog.existsNamed(subdistrictId, demo.nameEn)) continue;
      const manager = DEMO_ACCOUNTS.find(
        (account) =>
          account.role === Role.SUBDISTRICT_MANAGER &&
          account.subdistrictCode === demo.subdistrictCode,
      );
      const owner = manager ? await this.actorOf(manager.email) : admin;
      await this.bringTo(demo, subdistrictId, owner, admin);
      added++;
    }
    return added;
  }

  /** The interpreter and officer pools, each person with an account, through staff management. */
  private async seedStaff(admin: Actor): Promise<number> {
    const people: Omit<NewStaffMember, 'password'>[] = [
      ...DEMO_INTERPRETERS.map(({ language, modes, ...person }) => ({
        ...person,
        kind: StaffKind.INTERPRETER,
        languagePairs: modes.flatMap((mode: InterpretationMode) => [
          { from: 'zh', to: language, mode },
          { from: language, to: 'zh', mode },
        ]),
        maxHoursPerDay: 8,
      })),
      ...DEMO_OFFICERS.map((person) => ({
        ...person,
        kind: StaffKind.SECURITY_OFFICER,
        maxHoursPerDay: 10,
      })),
    ];
    let added = 0;
    for (const person of people) {
      if (await this.users.findByEmail(person.email)) continue;
      const account = DEMO_ACCOUNTS.find((demo) => demo.email === person.email);
      await this.staff.create(admin, {
        ...person,
        locale: account?.locale,
        password: DEMO_PASSWORD,
        timeZone: 'Asia/Shanghai',
        weeklyAvailability: DEMO_WEEK,
      });
      added++;
    }
    return added;
  }

  private async actorOf(email: string): Promise<Actor> {
    const user = await this.users.findByEmail(email);
    if (!user) throw new Error(`demo account ${email} is missing`);
    return { userId: user.id, role: user.role, subdistrictId: user.subdistrictId };
  }

  /**
   * Walks the venue through the real lifecycle to the demo's state. Recorded in each venue's
   * audit trail but announced to nobody: demo data is a starting state, not news for the inboxes.
   */
  private async bringTo(
    demo: DemoVenue,
    subdistrictId: string,
    owner: Actor,
    admin: Actor,
  ): Promise<void> {
    const { subdistrictCode: _code, status, ...details } = demo;
    const venue = await this.venues.register(owner, { ...details, subdistrictId });
    if (status === VenueStatus.DRAFT) return;
    await this.venues.submitForReview(owner, venue.id, QUIET);
    if (status === VenueStatus.PENDING_REVIEW) return;
    await this.venues.review(admin, venue.id, true, null, QUIET);
    if (status === VenueStatus.SUSPENDED) {
      await this.venues.suspend(admin, venue.id, '修缮中 Closed for renovation', QUIET);
    }
  }
}

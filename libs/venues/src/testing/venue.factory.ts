import { actorOf, districtAdmin, QIANMEN } from '@app/auth/testing';
import { AppContext } from '@app/common/testing';
import { NewVenue } from '../venue-details';
import { Facility, VenueKind, VenueStatus } from '../venue-enums';
import { VenueInventoryService } from '../venue-inventory.service';
import { VenueEntity } from '../venue.entity';
import { OpeningHoursSpec } from '../weekly-hours';

/** The same hours on every day of the week, local time ("24:00" for midnight). */
export const everyDay = (opens: string, closes: string): OpeningHoursSpec[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens, closes }));

export interface VenueSpec extends Partial<NewVenue> {
  /** Where the venue stops on its way through review; ACTIVE by default. */
  status?: VenueStatus;
}

let made = 0;

/**
 * A venue registered, submitted and reviewed through VenueInventoryService by the district
 * admin. Defaults: ACTIVE, in Qianmen, open all day every day, no setup or teardown buffer, no
 * approval needed, security level 2, booths and headsets for interpretation.
 */
export async function newVenue(app: AppContext, spec: VenueSpec = {}): Promise<VenueEntity> {
  const { status = VenueStatus.ACTIVE, ...details } = spec;
  const inventory = app.get(VenueInventoryService);
  const admin = actorOf(await districtAdmin(app));
  const n = ++made;
  let venue = await inventory.register(admin, {
    subdistrictId: QIANMEN,
    nameZh: `测试会议厅 ${n}`,
    nameEn: `Test Hall ${n}`,
    addressZh: `北京市东城区前门大街${n}号`,
    addressEn: `${n} Qianmen Dajie, Dongcheng District, Beijing`,
    kind: VenueKind.CONFERENCE_HALL,
    seatedCapacity: 320,
    standingCapacity: 400,
    facilities: [
      { type: Facility.SIMULTANEOUS_INTERPRETATION_BOOTH, count: 4 },
      { type: Facility.INTERPRETATION_HEADSETS, count: 300 },
      { type: Facility.BILINGUAL_SIGNAGE },
    ],
    securityLevel: 2,
    openingHours: everyDay('00:00', '24:00'),
    setupMinutes: 0,
    teardownMinutes: 0,
    requiresApproval: false,
    ...details,
  });
  if (status === VenueStatus.DRAFT) return venue;
  venue = await inventory.submitForReview(admin, venue.id);
  if (status === VenueStatus.PENDING_REVIEW) return venue;
  venue = await inventory.review(admin, venue.id, true);
  if (status === VenueStatus.SUSPENDED)
    venue = await inventory.suspend(admin, venue.id, 'Suspended for a test');
  return venue;
}

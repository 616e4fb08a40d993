import { ApprovalStage, BookingEntity, BookingStatus, ProtocolLevel } from '@app/bookings';
import { VenueEntity, VenueKind, VenueStatus } from '@app/venues';
import { BookingType } from './booking.type';
import { VenueType } from '../venues/venue.type';

/** Every column set (Required: a column added to the entity must be added here too). */
const at = new Date('2026-06-03T01:00:00.000Z');
const booking: Required<BookingEntity> = {
  id: '1',
  venueId: '2',
  subdistrictId: '11',
  organizerId: '3',
  title: 'Delegation',
  description: 'Talks',
  attendees: 40,
  foreignGuests: 12,
  delegationCountries: ['GB'],
  interpretation: [],
  protocolLevel: ProtocolLevel.HIGH,
  status: BookingStatus.APPROVED,
  approvalStage: ApprovalStage.DISTRICT,
  startsAt: at,
  endsAt: at,
  occupiedFrom: at,
  occupiedUntil: at,
  changeVenueId: '4',
  changeSubdistrictId: '11',
  changeStartsAt: at,
  changeEndsAt: at,
  changeOccupiedFrom: at,
  changeOccupiedUntil: at,
  changeRequestedAt: at,
  holdExpiresAt: at,
  submittedAt: at,
  approvedAt: at,
  idempotencyKey: 'key',
  requestHash: 'hash',
  version: 2,
  createdAt: at,
  updatedAt: at,
};
const venue: Required<VenueEntity> = {
  id: '2',
  subdistrictId: '11',
  nameZh: '会议厅',
  nameEn: 'Hall',
  addressZh: '前门',
  addressEn: 'Qianmen',
  kind: VenueKind.CONFERENCE_HALL,
  seatedCapacity: 100,
  standingCapacity: 150,
  securityLevel: 2,
  timeZone: 'Asia/Shanghai',
  setupMinutes: 30,
  teardownMinutes: 15,
  minNoticeHours: 24,
  maxAdvanceDays: 180,
  minDurationMinutes: 60,
  maxDurationMinutes: 480,
  requiresApproval: true,
  contactName: 'Li',
  contactPhone: '010',
  contactEmail: 'li@example.org',
  status: VenueStatus.ACTIVE,
  statusReason: 'Reviewed',
  pendingChange: { seatedCapacity: 120 },
  pendingChangeBy: '5',
  pendingChangeAt: at,
  version: 3,
  createdBy: '5',
  createdAt: at,
  updatedAt: at,
};

/** The types are built field by field: none of their fields may be left out. */
describe('GraphQL types from entities', () => {
  it('fills every field of a Booking, and only those', () => {
    const type = BookingType.from(booking);
    expect(type).toBeInstanceOf(BookingType);
    expect(Object.keys(type).sort()).toEqual(Object.keys(new BookingType()).sort());
    for (const [field, value] of Object.entries(type))
      expect([field, value]).not.toContain(undefined);
    expect(type.pendingChange).toMatchObject({ venueId: '4', startsAt: at, requestedAt: at });
  });

  it('fills every field of a Venue, and only those', () => {
    const type = VenueType.from(venue);
    expect(type).toBeInstanceOf(VenueType);
    expect(Object.keys(type).sort()).toEqual(Object.keys(new VenueType()).sort());
    for (const [field, value] of Object.entries(type))
      expect([field, value]).not.toContain(undefined);
    expect(type.contact).toEqual({ name: 'Li', phone: '010', email: 'li@example.org' });
    expect(type.pending).toEqual({
      pendingChange: { seatedCapacity: 120 },
      pendingChangeBy: '5',
      pendingChangeAt: at,
    });
  });
});

import { createHash } from 'node:crypto';
import { TestApi } from './test-api';

/** Beixinqiao (北新桥): no demo venues, so a report over it holds only what a test puts there. */
export const BEIXINQIAO = '5';

export async function userId(api: TestApi, email: string): Promise<string> {
  const [row] = await api.dataSource.query<{ id: string }[]>(
    'SELECT id FROM users WHERE email = ?',
    [email],
  );
  return String(row.id);
}

export async function staffId(api: TestApi, email: string): Promise<string> {
  const [row] = await api.dataSource.query<{ id: string }[]>(
    'SELECT s.id FROM staff_members s JOIN users u ON u.id = s.user_id WHERE u.email = ?',
    [email],
  );
  return String(row.id);
}

/** Registers a venue as the district admin, reviews it ACTIVE; returns its id. */
export async function adminVenue(
  api: TestApi,
  admin: string,
  input: Record<string, unknown>,
): Promise<string> {
  const registered = await api.gql(
    'mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { id } }',
    { input },
    admin,
  );
  if (!registered.data) throw new Error(JSON.stringify(registered.errors));
  const id: string = registered.data.registerVenue.id;
  await api.gql('mutation($id: ID!) { submitVenueForReview(id: $id) { id } }', { id }, admin);
  const reviewed = await api.gql(
    'mutation($id: ID!) { reviewVenue(id: $id, approve: true) { status } }',
    { id },
    admin,
  );
  if (reviewed.data?.reviewVenue.status !== 'ACTIVE')
    throw new Error(JSON.stringify(reviewed.errors));
  return id;
}

export interface BookingRow {
  venueId: string;
  organizerId: string;
  status: string;
  startsAt: string | Date;
  endsAt: string | Date;
  protocolLevel?: string;
  foreignGuests?: number;
  attendees?: number;
  submittedAt?: string | Date | null;
  /** An approver's final approval at this time (the column and its audit entry). */
  approvedAt?: string | Date;
}

let bookingKeys = 0;

/**
 * A booking as it stands after its history (events in the past cannot be booked through the
 * API): the row and, where it was approved by a person, that audit entry.
 */
export async function insertBooking(api: TestApi, row: BookingRow): Promise<string> {
  const startsAt = new Date(row.startsAt);
  const endsAt = new Date(row.endsAt);
  const key = `fixture-${process.pid}-${++bookingKeys}`;
  const result: { insertId: number } = await api.dataSource.query(
    `INSERT INTO bookings (venue_id, subdistrict_id, organizer_id, title, description, attendees, foreign_guests,
       delegation_countries, interpretation, protocol_level, status, approval_stage, starts_at, ends_at,
       occupied_from, occupied_until, hold_expires_at, submitted_at, approved_at, idempotency_key,
       request_hash, version, created_at, updated_at)
     VALUES (?, (SELECT subdistrict_id FROM venues WHERE id = ?), ?, 'Fixture event', NULL, ?, ?, '', '[]', ?, ?, NULL, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 1, ?, ?)`,
    [
      row.venueId,
      row.venueId,
      row.organizerId,
      row.attendees ?? 20,
      row.foreignGuests ?? 0,
      row.protocolLevel ?? 'STANDARD',
      row.status,
      startsAt,
      endsAt,
      startsAt,
      endsAt,
      row.submittedAt ? new Date(row.submittedAt) : null,
      row.approvedAt ? new Date(row.approvedAt) : null,
      key,
      createHash('sha256').update(key).digest('hex'),
      new Date(),
      new Date(),
    ],
  );
  const id = String(result.insertId);
  if (row.approvedAt) {
    await api.dataSource.query(
      `INSERT INTO booking_audit (booking_id, at, actor_id, action, from_status, to_status, reason)
       VALUES (?, ?, NULL, 'approved', 'PENDING_APPROVAL', 'APPROVED', NULL)`,
      [id, new Date(row.approvedAt)],
    );
  }
  return id;
}

export interface RequirementRow {
  bookingId: string;
  kind: 'INTERPRETER' | 'SECURITY_OFFICER';
  headcount: number;
  startsAt: string | Date;
  endsAt: string | Date;
  languageFrom?: string;
  languageTo?: string;
}

export async function insertRequirement(api: TestApi, row: RequirementRow): Promise<string> {
  const interpreter = row.kind === 'INTERPRETER';
  const result: { insertId: number } = await api.dataSource.query(
    `INSERT INTO staffing_requirements (booking_id, rule_key, kind, headcount, starts_at, ends_at,
       language_from, language_to, mode, min_clearance, skill, overridden, status, derived_from_version,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, 'OPEN', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
    [
      row.bookingId,
      `${row.kind}-${row.languageTo ?? 'security'}`,
      row.kind,
      row.headcount,
      new Date(row.startsAt),
      new Date(row.endsAt),
      interpreter ? row.languageFrom : null,
      interpreter ? row.languageTo : null,
      interpreter ? 'CONSECUTIVE' : null,
      interpreter ? null : 1,
    ],
  );
  return String(result.insertId);
}

export async function insertAssignment(
  api: TestApi,
  row: {
    requirementId: string;
    staffId: string;
    venueId: string;
    status: string;
    startsAt: string | Date;
    endsAt: string | Date;
  },
): Promise<void> {
  await api.dataSource.query(
    `INSERT INTO assignments (requirement_id, staff_id, venue_id, status, starts_at, ends_at, reason,
       version, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, 1, NULL, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
    [
      row.requirementId,
      row.staffId,
      row.venueId,
      row.status,
      new Date(row.startsAt),
      new Date(row.endsAt),
    ],
  );
}

import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  activeVenue,
  EVERY_DAY,
  nextKey,
  on,
  QIANMEN,
  REQUEST,
} from '../../support/booking-fixtures';
import { GraphQLResponse, TestApi } from '../../support/test-api';
import { venueInput } from '../../support/venue-fixtures';

/** Who calls: the demo accounts, and callers who must not get in at all. */
export const SIGNED_IN = [
  'admin',
  'qianmen',
  'jingshan',
  'organizer',
  'organizer2',
  'security',
  'interpreter',
  'officer',
] as const;
export const UNAUTHENTICATED = ['noToken', 'expired', 'forged', 'algNone'] as const;
export const ACTORS = [...SIGNED_IN, ...UNAUTHENTICATED] as const;
export type ActorName = (typeof ACTORS)[number];

/** Column headings of the printed matrix. */
export const ACTOR_LABELS: Record<ActorName, string> = {
  admin: 'ADM',
  qianmen: 'QMN',
  jingshan: 'JSH',
  organizer: 'ORG',
  organizer2: 'OR2',
  security: 'SEC',
  interpreter: 'INT',
  officer: 'OFF',
  noToken: 'NON',
  expired: 'EXP',
  forged: 'FRG',
  algNone: 'ALG',
};

export const ACTOR_LEGEND =
  'ADM district admin, QMN Qianmen manager (owns the fixtures), JSH Jingshan manager, ' +
  'ORG organizer (owns the fixtures), OR2 another organizer, SEC security coordinator, ' +
  'INT interpreter, OFF security officer, NON no token, EXP expired token, ' +
  'FRG token signed with another secret, ALG unsigned token (alg: none)';

export type Variables = Record<string, unknown>;

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Bearer tokens for every actor. The three bad tokens all claim to be the district admin, so a
 * check that let any of them through would show as successes everywhere. `control` carries the
 * same claims, signed with the API's secret and current: it must get in, which shows that the
 * bad ones fail for their flaw alone.
 */
export async function tokensFor(
  api: TestApi,
): Promise<{ tokens: Record<ActorName, string | undefined>; control: string }> {
  const signedIn = await Promise.all(SIGNED_IN.map((name) => api.login(`${name}@demo.local`)));
  const tokens = Object.fromEntries(SIGNED_IN.map((name, i) => [name, signedIn[i]])) as Record<
    ActorName,
    string | undefined
  >;
  const me = await api.gql('query { me { id role } }', {}, tokens.admin);
  const claims = { sub: me.data.me.id as string, role: me.data.me.role as string };
  const jwt = new JwtService();
  const now = Math.floor(Date.now() / 1000);
  const secret = api.app.get<AppConfig>(APP_CONFIG).auth.jwtSecret;
  tokens.noToken = undefined;
  tokens.expired = jwt.sign(
    { ...claims, iat: now - 7200, exp: now - 3600 },
    { secret, algorithm: 'HS256' },
  );
  tokens.forged = jwt.sign(claims, {
    secret: 'not-the-api-secret-but-just-as-long-as-it',
    algorithm: 'HS256',
    expiresIn: 3600,
  });
  tokens.algNone = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iat: now, exp: now + 3600 })}.`;
  const control = jwt.sign(claims, { secret, algorithm: 'HS256', expiresIn: 3600 });
  return { tokens, control };
}

function dataOf<T = any>(response: GraphQLResponse, field: string): T {
  if (!response.data?.[field]) {
    throw new Error(`${field} failed in a fixture: ${JSON.stringify(response.errors)}`);
  }
  return response.data[field] as T;
}

const REQUIREMENTS =
  'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind skill languageTo } }';

/**
 * Targets for the matrix, all in Qianmen and all the organizer's: the shared ones are made once,
 * the `fresh…` ones anew for each attempt of an operation that changes them. Every booking gets
 * its own hour (Monday to Saturday, when the demo staff work), so none ever collide.
 */
export class AuthorizationFixtures {
  draftVenue!: string;
  /** ACTIVE, bookings need the subdistrict's approval. */
  approvalVenue!: string;
  /** ACTIVE, bookings are approved at once. */
  openVenue!: string;
  /** ACTIVE, only blackouts go here. */
  blackoutVenue!: string;
  /** The organizer's approved booking at openVenue, with its staffing requirements. */
  booking!: { id: string; startsAt: string; endsAt: string; requirement: string };
  pendingAtSubdistrict!: string;
  pendingAtDistrict!: string;
  /** A proposed assignment of the interpreter account, who also has leave on record. */
  assignment!: string;
  assignedBooking!: string;
  organizerNotification!: string;
  organizerWebhook!: string;
  officerStaff!: string;
  interpreterStaff!: string;

  private slots = 0;
  private unique = 0;

  constructor(
    readonly api: TestApi,
    readonly tokens: Record<ActorName, string | undefined>,
  ) {}

  async setUp(): Promise<void> {
    const tokens = { qianmen: this.tokens.qianmen!, admin: this.tokens.admin! };
    this.draftVenue = await this.freshDraftVenue();
    [this.approvalVenue, this.openVenue, this.blackoutVenue] = await Promise.all([
      activeVenue(this.api, tokens, { requiresApproval: true }),
      activeVenue(this.api, tokens),
      activeVenue(this.api, tokens),
    ]);
    const { id, startsAt, endsAt } = await this.requestBooking({});
    const [requirement] = await this.requirements(id);
    this.booking = { id, startsAt, endsAt, requirement: requirement.id };
    this.pendingAtSubdistrict = await this.freshPendingBooking();
    this.pendingAtDistrict = await this.freshDistrictStageBooking();
    this.assignment = await this.freshInterpreterAssignment();
    const [assigned] = await this.api.dataSource.query(
      `SELECT r.booking_id AS booking, a.staff_id AS staff FROM assignments a
         JOIN staffing_requirements r ON r.id = a.requirement_id WHERE a.id = ?`,
      [this.assignment],
    );
    this.assignedBooking = String(assigned.booking);
    await this.freshLeave(String(assigned.staff));
    this.organizerNotification = await this.freshNotification('organizer@demo.local', false);
    this.organizerWebhook = await this.freshWebhook('organizer@demo.local');
    this.officerStaff = await this.freshStaffMember('SECURITY_OFFICER');
    this.interpreterStaff = await this.freshStaffMember('INTERPRETER');
  }

  /** A one-hour slot nobody else has, from two weeks ahead, Monday to Saturday. */
  slot(): { startsAt: string; endsAt: string } {
    const n = this.slots++;
    const hour = 8 + (n % 4) * 3;
    const weekday = (1 + Math.floor((n % 24) / 4)) as 1 | 2 | 3 | 4 | 5 | 6;
    const week = 2 + Math.floor(n / 24);
    const clock = (h: number) => `${String(h).padStart(2, '0')}:00`;
    return { startsAt: on(week, weekday, clock(hour)), endsAt: on(week, weekday, clock(hour + 1)) };
  }

  /** A day far beyond every booking, for blackouts and leave. */
  farDay(): { startsAt: string; endsAt: string } {
    const n = ++this.unique;
    return { startsAt: on(40 + n, 7, '09:00'), endsAt: on(40 + n, 7, '12:00') };
  }

  nextEmail(name: string): string {
    return `${name}-${++this.unique}@authz.test`;
  }

  async requestBooking(
    overrides: Record<string, unknown>,
    token = this.tokens.organizer!,
  ): Promise<{ id: string; startsAt: string; endsAt: string; input: Variables; key: string }> {
    const slot = this.slot();
    const key = nextKey();
    const input = {
      venueId: this.openVenue,
      ...slot,
      title: 'Sister-city delegation visit',
      attendees: 30,
      ...overrides,
    };
    const booking = dataOf(await this.api.gql(REQUEST, { input, key }, token), 'requestBooking');
    return { id: booking.id, ...slot, input, key };
  }

  async requirements(bookingId: string): Promise<{ id: string; kind: string }[]> {
    return dataOf(
      await this.api.gql(REQUIREMENTS, { id: bookingId }, this.tokens.admin),
      'staffingRequirements',
    );
  }

  freshDraftVenue(): Promise<string> {
    return this.api
      .gql(
        'mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { id } }',
        { input: venueInput(QIANMEN, { openingHours: EVERY_DAY('07:00', '22:00') }) },
        this.tokens.qianmen,
      )
      .then((response) => dataOf(response, 'registerVenue').id);
  }

  async freshPendingReviewVenue(): Promise<string> {
    const id = await this.freshDraftVenue();
    dataOf(
      await this.api.gql(
        'mutation($id: ID!) { submitVenueForReview(id: $id) { id } }',
        { id },
        this.tokens.qianmen,
      ),
      'submitVenueForReview',
    );
    return id;
  }

  freshActiveVenue(): Promise<string> {
    return activeVenue(this.api, { qianmen: this.tokens.qianmen!, admin: this.tokens.admin! });
  }

  /** ACTIVE, with a raise of its security level waiting for the district. */
  async freshVenueWithPendingChange(): Promise<string> {
    const id = await this.freshActiveVenue();
    dataOf(
      await this.api.gql(
        'mutation($id: ID!) { updateVenue(id: $id, input: { securityLevel: 3 }) { id } }',
        { id },
        this.tokens.qianmen,
      ),
      'updateVenue',
    );
    return id;
  }

  /** SUSPENDED, with one approved booking of the organizer still standing there. */
  async freshSuspendedVenueWithBooking(): Promise<{ venueId: string; bookingId: string }> {
    const venueId = await this.freshActiveVenue();
    const { id: bookingId } = await this.requestBooking({ venueId });
    dataOf(
      await this.api.gql(
        'mutation($id: ID!) { suspendVenue(id: $id, reason: "Renovation") { id } }',
        { id: venueId },
        this.tokens.admin,
      ),
      'suspendVenue',
    );
    return { venueId, bookingId };
  }

  async freshSuspendedVenue(): Promise<string> {
    const id = await this.freshActiveVenue();
    dataOf(
      await this.api.gql(
        'mutation($id: ID!) { suspendVenue(id: $id, reason: "Renovation") { id } }',
        { id },
        this.tokens.admin,
      ),
      'suspendVenue',
    );
    return id;
  }

  async freshApprovedBooking(overrides: Record<string, unknown> = {}): Promise<string> {
    return (await this.requestBooking(overrides)).id;
  }

  /** An approved booking of the organizer's that has taken place (marked COMPLETED directly). */
  async freshCompletedBooking(): Promise<string> {
    const id = await this.freshApprovedBooking();
    await this.api.dataSource.query(
      "UPDATE bookings SET status = 'COMPLETED', version = version + 1 WHERE id = ?",
      [id],
    );
    return id;
  }

  async freshHeldBooking(): Promise<string> {
    return (await this.requestBooking({ venueId: this.approvalVenue, hold: true })).id;
  }

  async freshPendingBooking(protocolLevel = 'STANDARD'): Promise<string> {
    return (await this.requestBooking({ venueId: this.approvalVenue, protocolLevel })).id;
  }

  /** A HIGH protocol request the subdistrict has approved: it waits for the district. */
  async freshDistrictStageBooking(): Promise<string> {
    const id = await this.freshPendingBooking('HIGH');
    const approved = dataOf(
      await this.api.gql(
        'mutation($id: ID!) { approveBooking(id: $id) { approvalStage } }',
        { id },
        this.tokens.qianmen,
      ),
      'approveBooking',
    );
    if (approved.approvalStage !== 'DISTRICT') throw new Error(JSON.stringify(approved));
    return id;
  }

  /** An approved booking's general security requirement, or its zh→en interpreter requirement. */
  async freshRequirement(kind: 'SECURITY_OFFICER' | 'INTERPRETER'): Promise<string> {
    const booking = await this.freshApprovedBooking(
      kind === 'INTERPRETER'
        ? { interpretation: [{ from: 'zh', to: 'en', mode: 'CONSECUTIVE' }] }
        : {},
    );
    const requirement = (await this.requirements(booking)).find(
      (r: any) => r.kind === kind && !r.skill,
    );
    if (!requirement) throw new Error(`booking ${booking} has no ${kind} requirement`);
    return requirement.id;
  }

  /** Proposes the interpreter account (Li Na, zh↔en) for a new booking. */
  async freshInterpreterAssignment(): Promise<string> {
    const requirement = await this.freshRequirement('INTERPRETER');
    const staff = await this.api.gql(
      'query { staff(filter: { kind: INTERPRETER, text: "Li Na" }) { edges { node { id } } } }',
      {},
      this.tokens.admin,
    );
    const [liNa] = dataOf(staff, 'staff').edges;
    return dataOf(
      await this.api.gql(
        'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id } }',
        { r: requirement, s: liNa.node.id },
        this.tokens.admin,
      ),
      'assignStaff',
    ).id;
  }

  /** As freshInterpreterAssignment, accepted by the interpreter. */
  async freshAcceptedInterpreterAssignment(): Promise<string> {
    const id = await this.freshInterpreterAssignment();
    dataOf(
      await this.api.gql(
        'mutation($id: ID!) { respondToAssignment(id: $id, accept: true) { id } }',
        { id },
        this.tokens.interpreter,
      ),
      'respondToAssignment',
    );
    return id;
  }

  staffInput(kind: 'SECURITY_OFFICER' | 'INTERPRETER'): Record<string, unknown> {
    const common = {
      kind,
      email: this.nextEmail(kind.toLowerCase()),
      password: 'authz-test-2025',
      maxHoursPerDay: 8,
      weeklyAvailability: EVERY_DAY('07:00', '22:00').map(({ weekday, opens, closes }) => ({
        weekday,
        from: opens,
        until: closes,
      })),
    };
    return kind === 'INTERPRETER'
      ? {
          ...common,
          nameZh: '温怡',
          nameEn: 'Wen Yi',
          accreditationLevel: 2,
          languagePairs: [
            { from: 'zh', to: 'en', mode: 'CONSECUTIVE' },
            { from: 'en', to: 'zh', mode: 'CONSECUTIVE' },
          ],
        }
      : {
          ...common,
          nameZh: '高勇',
          nameEn: 'Gao Yong',
          unit: '东城分局特警支队 Special Police Detachment',
          clearanceLevel: 3,
          skills: ['SCREENING'],
        };
  }

  async freshStaffMember(kind: 'SECURITY_OFFICER' | 'INTERPRETER'): Promise<string> {
    return dataOf(
      await this.api.gql(
        'mutation($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { id } }',
        { input: this.staffInput(kind) },
        this.tokens.admin,
      ),
      'createStaffMember',
    ).id;
  }

  async freshLeave(staffId: string): Promise<string> {
    return dataOf(
      await this.api.gql(
        `mutation($staffId: ID!, $startsAt: DateTime!, $endsAt: DateTime!) {
          addStaffLeave(staffId: $staffId, startsAt: $startsAt, endsAt: $endsAt, reason: "Training") { id } }`,
        { staffId, ...this.farDay() },
        this.tokens.admin,
      ),
      'addStaffLeave',
    ).id;
  }

  async freshFeed(token: string | undefined, venueId?: string): Promise<string> {
    return dataOf(
      await this.api.gql(
        'mutation($venueId: ID) { createCalendarFeed(venueId: $venueId) { id } }',
        { venueId },
        token,
      ),
      'createCalendarFeed',
    ).id;
  }

  async userId(email: string): Promise<string> {
    const [user] = await this.api.dataSource.query('SELECT id FROM users WHERE email = ?', [email]);
    return String(user.id);
  }

  /** An inbox row, written directly: what the worker would write for a booking notice. */
  async freshNotification(email: string, needsAcknowledgement: boolean): Promise<string> {
    const result = await this.api.dataSource.query(
      `INSERT INTO notifications (recipient_id, kind, delivery_key, booking_id, critical,
         needs_acknowledgement, subject_zh, subject_en, body_zh, body_en, created_at)
       VALUES (?, ?, ?, NULL, FALSE, ?, '通知', 'Notice', '正文', 'Body', UTC_TIMESTAMP(3))`,
      [
        await this.userId(email),
        needsAcknowledgement ? 'SECURITY_APPROVED' : 'BOOKING_APPROVED',
        `authz:${++this.unique}`,
        needsAcknowledgement,
      ],
    );
    return String(result.insertId);
  }

  /** A webhook endpoint, written directly so the per-owner limit of active ones never bites. */
  async freshWebhook(email: string): Promise<string> {
    const result = await this.api.dataSource.query(
      `INSERT INTO webhook_endpoints (owner_id, url, description, secret, active, disabled_reason, created_at)
       VALUES (?, 'https://example.org/hook', NULL, 'whsec_fixture', TRUE, NULL, UTC_TIMESTAMP(3))`,
      [await this.userId(email)],
    );
    return String(result.insertId);
  }

  /** A delivery of one of the person's notices to one of their endpoints, whose attempts ran out. */
  async freshFailedDelivery(email: string): Promise<string> {
    const [endpoint, notification] = [
      await this.freshWebhook(email),
      await this.freshNotification(email, false),
    ];
    const result = await this.api.dataSource.query(
      `INSERT INTO webhook_deliveries (endpoint_id, notification_id, status, attempts, created_at, delivered_at)
       VALUES (?, ?, 'FAILED', 8, UTC_TIMESTAMP(3), NULL)`,
      [endpoint, notification],
    );
    return String(result.insertId);
  }
}

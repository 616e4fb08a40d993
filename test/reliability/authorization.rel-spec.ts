import { Kind, OperationDefinitionNode, parse } from 'graphql';
import { QIANMEN } from '../support/booking-fixtures';
import { SocketClient, socketCode, subscriptionOutcome } from '../support/socket-client';
import { GraphQLResponse, snapshot, TestApi } from '../support/test-api';
import { VENUE_TABLES, venueInput } from '../support/venue-fixtures';
import {
  ACTOR_LABELS,
  ACTOR_LEGEND,
  ACTORS,
  ActorName,
  AuthorizationFixtures as Fixtures,
  SIGNED_IN,
  tokensFor,
  UNAUTHENTICATED,
  Variables,
} from './support/authorization-fixtures';
import { count } from './support/figures';

/**
 * One line per operation, and per scope where the policy depends on the target. `allowed` are
 * the actors that must succeed; every other actor must not: no token, an expired or forged token
 * is UNAUTHENTICATED, anyone else is FORBIDDEN, NOT_FOUND or answered without the target, and a
 * refused mutation leaves the tables it names (`writes`) as they were.
 *
 * Every line runs over WebSocket as well: there queries and mutations are refused for everyone
 * (WRONG_TRANSPORT once signed in, the handshake before that) and write nothing, and a
 * subscription, served there only, follows its line as an operation over HTTP does.
 *
 * `variables` runs before each attempt: operations that change their target make a fresh one.
 * Without `granted`, an answer counts as a success when it has no errors and is not null.
 * Variables the document does not declare are ignored by the server: a row can pass `granted`
 * what it compares with that way.
 */
interface Row {
  scope?: string;
  allowed: readonly ActorName[];
  document: string;
  variables?: (fx: Fixtures) => Variables | Promise<Variables>;
  granted?: (answer: any, fx: Fixtures, variables: Variables) => boolean;
  writes?: string[];
  /** Refusals other than FORBIDDEN and NOT_FOUND that this line accepts, with why. */
  alsoRefusedWith?: string[];
}

const ANYONE_SIGNED_IN = SIGNED_IN;
const EVERYONE = ACTORS;
const BOOKING_READERS = ['admin', 'qianmen', 'organizer', 'security'] as const;

const BOOKING_TABLES = [
  'bookings',
  'booking_audit',
  'outbox_events',
  'staffing_requirements',
  'assignments',
];
const STAFF_TABLES = [
  'users',
  'staff_members',
  'staff_language_pairs',
  'staff_skills',
  'staff_availability',
  'staff_leave',
  'assignments',
  'outbox_events',
];
const PLAN_TABLES = ['assignments', 'staffing_requirements', 'outbox_events'];

const ids = (list: { id: string }[]) => list.map((item) => item.id);
const nodeIds = (connection: { edges: { node: { id: string } }[] }) =>
  connection.edges.map((edge) => edge.node.id);

const BOOKING = (name: string) =>
  `mutation($id: ID!) { ${name}(id: $id) { id status approvalStage } }`;
const REJECT =
  'mutation($id: ID!) { rejectBooking(id: $id, reason: "Not this time") { id status } }';
const PLAN_RESULT = '{ assigned { id } kept { id } changed { id } unfilled { missing } }';

function staffRows(kind: 'SECURITY_OFFICER' | 'INTERPRETER'): Row[] {
  const scope = kind === 'INTERPRETER' ? 'an interpreter' : 'a security officer';
  const allowed = kind === 'INTERPRETER' ? (['admin'] as const) : (['admin', 'security'] as const);
  const member = (fx: Fixtures) => (kind === 'INTERPRETER' ? fx.interpreterStaff : fx.officerStaff);
  return [
    {
      scope,
      allowed,
      document:
        'mutation($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { id } }',
      variables: (fx) => ({ input: fx.staffInput(kind) }),
      writes: STAFF_TABLES,
    },
    {
      scope,
      allowed,
      document:
        'mutation($id: ID!, $input: UpdateStaffMemberInput!) { updateStaffMember(id: $id, input: $input) { id } }',
      variables: (fx) => ({ id: member(fx), input: { maxHoursPerDay: 9 } }),
      writes: STAFF_TABLES,
    },
    {
      scope,
      allowed,
      document: 'mutation($id: ID!) { setStaffActive(id: $id, active: false) { id active } }',
      variables: (fx) => ({ id: member(fx) }),
      writes: STAFF_TABLES,
    },
    {
      scope,
      allowed,
      document: `mutation($staffId: ID!, $startsAt: DateTime!, $endsAt: DateTime!) {
        addStaffLeave(staffId: $staffId, startsAt: $startsAt, endsAt: $endsAt, reason: "Training") { id } }`,
      variables: (fx) => ({ staffId: member(fx), ...fx.farDay() }),
      writes: STAFF_TABLES,
    },
    {
      scope: `${scope}'s leave`,
      allowed,
      document: 'mutation($id: ID!) { removeStaffLeave(id: $id) { id } }',
      variables: async (fx) => ({ id: await fx.freshLeave(member(fx)) }),
      writes: STAFF_TABLES,
    },
  ];
}

/**
 * A new operation fails the coverage test until it has a row here: its document, who may call
 * it, what it is done to (a fresh target if it changes it) and, for a mutation, what it writes.
 */
const MATRIX: Row[] = [
  // Queries: the shared fixtures do not change, so the same target serves every actor.
  { allowed: ANYONE_SIGNED_IN, document: 'query { me { id role } }' },
  { allowed: ANYONE_SIGNED_IN, document: 'query { subdistricts { id } }' },
  {
    // A manager reads their own subdistrict's (the default for them).
    allowed: ['admin', 'qianmen', 'jingshan'],
    document: `query($from: DateTime!, $to: DateTime!) {
      serviceCapacityReport(from: $from, to: $to) { totals { events } } }`,
    variables: (fx) => ({ from: fx.farDay().startsAt, to: fx.farDay().endsAt }),
  },
  {
    scope: 'ACTIVE Qianmen venues listed',
    allowed: ANYONE_SIGNED_IN,
    document: `query($filter: VenueFilter) { venues(filter: $filter, first: 100) { edges { node { id } } } }`,
    variables: () => ({ filter: { subdistrictId: QIANMEN, status: 'ACTIVE' } }),
    granted: (answer, fx) => nodeIds(answer).includes(fx.openVenue),
  },
  {
    scope: 'a DRAFT Qianmen venue listed',
    allowed: ['admin', 'qianmen'],
    document: `query($filter: VenueFilter) { venues(filter: $filter, first: 100) { edges { node { id } } } }`,
    variables: () => ({ filter: { subdistrictId: QIANMEN, status: 'DRAFT' } }),
    granted: (answer, fx) => nodeIds(answer).includes(fx.draftVenue),
  },
  {
    scope: 'an ACTIVE venue',
    allowed: ANYONE_SIGNED_IN,
    document: 'query($id: ID!) { venue(id: $id) { id status } }',
    variables: (fx) => ({ id: fx.openVenue }),
  },
  {
    scope: 'an ACTIVE venue’s audit trail',
    allowed: ['admin', 'qianmen'],
    document: 'query($id: ID!) { venue(id: $id) { id audit { action } } }',
    variables: (fx) => ({ id: fx.openVenue }),
    granted: (answer) => answer.audit.length > 0,
  },
  {
    scope: 'an ACTIVE venue’s pending change',
    allowed: ['admin', 'qianmen'],
    document: `query($id: ID!) { venue(id: $id) {
      id pendingChange { securityLevel bookingsOverCapacity { id } } } }`,
    variables: async (fx) => ({ id: await fx.freshVenueWithPendingChange() }),
    granted: (answer) => answer.pendingChange?.securityLevel === 3,
  },
  {
    scope: 'a SUSPENDED venue’s affected bookings',
    allowed: ['admin', 'qianmen'],
    document: 'query($id: ID!) { venue(id: $id) { id affectedBookings { id } } }',
    variables: async (fx) => {
      const { venueId, bookingId } = await fx.freshSuspendedVenueWithBooking();
      return { id: venueId, bookingId };
    },
    granted: (answer, _fx, variables) =>
      answer.affectedBookings.some((b: { id: string }) => b.id === variables.bookingId),
  },
  {
    scope: 'a DRAFT venue',
    allowed: ['admin', 'qianmen'],
    document: 'query($id: ID!) { venue(id: $id) { id status } }',
    variables: (fx) => ({ id: fx.draftVenue }),
  },
  {
    allowed: ANYONE_SIGNED_IN,
    document: `query($input: AvailabilityInput!) { availableVenues(input: $input, first: 5) { totalCount } }`,
    variables: (fx) => ({ input: { ...fx.farDay(), attendees: 20 } }),
  },
  {
    scope: "the organizer's booking in detail",
    allowed: BOOKING_READERS,
    document: `query($venueId: ID!, $from: DateTime!, $to: DateTime!) {
      venueSchedule(venueId: $venueId, from: $from, to: $to) { kind bookingId title } }`,
    variables: (fx) => ({
      venueId: fx.openVenue,
      from: fx.booking.startsAt,
      to: fx.booking.endsAt,
    }),
    granted: (answer: { bookingId: string | null }[], fx) =>
      answer.some((block) => block.bookingId === fx.booking.id),
  },
  {
    scope: 'a DRAFT venue',
    allowed: ['admin', 'qianmen'],
    document: `query($venueId: ID!, $from: DateTime!, $to: DateTime!) {
      venueSchedule(venueId: $venueId, from: $from, to: $to) { kind } }`,
    variables: (fx) => ({
      venueId: fx.draftVenue,
      from: fx.booking.startsAt,
      to: fx.booking.endsAt,
    }),
  },
  {
    scope: "the organizer's booking",
    allowed: BOOKING_READERS,
    document: 'query($id: ID!) { booking(id: $id) { id } }',
    variables: (fx) => ({ id: fx.booking.id }),
  },
  {
    scope: "the organizer's booking listed",
    allowed: BOOKING_READERS,
    document: `query($venueId: ID) { bookings(filter: { venueId: $venueId }, first: 100) { edges { node { id } } } }`,
    variables: (fx) => ({ venueId: fx.openVenue }),
    granted: (answer, fx) => nodeIds(answer).includes(fx.booking.id),
  },
  {
    scope: 'a Qianmen request at the subdistrict stage listed',
    allowed: ['qianmen'],
    document: 'query { pendingApprovals(first: 100) { edges { node { id } } } }',
    granted: (answer, fx) => nodeIds(answer).includes(fx.pendingAtSubdistrict),
  },
  {
    scope: 'a HIGH request at the district stage listed',
    allowed: ['admin'],
    document: 'query { pendingApprovals(first: 100) { edges { node { id } } } }',
    granted: (answer, fx) => nodeIds(answer).includes(fx.pendingAtDistrict),
  },
  {
    scope: "the organizer's booking",
    allowed: BOOKING_READERS,
    document: 'query($id: ID!) { staffingRequirements(bookingId: $id) { id } }',
    variables: (fx) => ({ id: fx.booking.id }),
  },
  {
    scope: "an assigned interpreter's leave and weekly hours",
    allowed: ['admin', 'qianmen', 'security'],
    document: `query($id: ID!) { staffingRequirements(bookingId: $id) {
      assignments { staff { leave { reason } weeklyAvailability { weekday } } } } }`,
    variables: (fx) => ({ id: fx.assignedBooking }),
    granted: (answer: { assignments: { staff: { leave: []; weeklyAvailability: [] } }[] }[]) =>
      answer.some((requirement) =>
        requirement.assignments.some(
          ({ staff }) => staff.leave.length > 0 && staff.weeklyAvailability.length > 0,
        ),
      ),
  },
  {
    allowed: ['admin', 'qianmen', 'jingshan', 'security'],
    document: 'query { staff(first: 5) { totalCount edges { node { id } } } }',
  },
  {
    scope: "the interpreter's assignment listed",
    allowed: ['interpreter'],
    document: 'query { myAssignments { id } }',
    granted: (answer, fx) => ids(answer).includes(fx.assignment),
  },
  {
    scope: "the organizer's notice listed",
    allowed: ['organizer'],
    document: 'query { notifications(first: 100) { edges { node { id } } } }',
    granted: (answer, fx) => nodeIds(answer).includes(fx.organizerNotification),
  },
  {
    allowed: ANYONE_SIGNED_IN,
    document: 'query { notificationPreferences { channel enabled } }',
  },
  {
    scope: "the organizer's endpoint listed",
    allowed: ['organizer'],
    document: 'query { webhookEndpoints { id } }',
    granted: (answer, fx) => ids(answer).includes(fx.organizerWebhook),
  },

  // Accounts.
  {
    allowed: EVERYONE,
    document:
      'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    variables: () => ({ email: 'organizer@demo.local', password: 'demo1234' }),
  },
  {
    allowed: ['admin'],
    document: 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    variables: (fx) => ({
      input: {
        email: fx.nextEmail('organizer'),
        password: 'secret-123',
        role: 'ORGANIZER',
        displayName: 'Test organizer',
      },
    }),
    writes: ['users'],
  },

  // Venues: Qianmen's, managed by Qianmen and the district, reviewed by the district.
  {
    scope: 'in Qianmen',
    allowed: ['admin', 'qianmen'],
    document: 'mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { id } }',
    variables: () => ({ input: venueInput(QIANMEN) }),
    writes: VENUE_TABLES,
  },
  {
    scope: 'a Qianmen venue',
    allowed: ['admin', 'qianmen'],
    document:
      'mutation($id: ID!, $input: UpdateVenueInput!) { updateVenue(id: $id, input: $input) { id } }',
    variables: (fx) => ({ id: fx.draftVenue, input: { seatedCapacity: 300 } }),
    writes: VENUE_TABLES,
  },
  {
    scope: 'a Qianmen venue',
    allowed: ['admin', 'qianmen'],
    document: 'mutation($id: ID!) { submitVenueForReview(id: $id) { id status } }',
    variables: async (fx) => ({ id: await fx.freshDraftVenue() }),
    writes: VENUE_TABLES,
  },
  {
    allowed: ['admin'],
    document: 'mutation($id: ID!) { reviewVenue(id: $id, approve: true) { id status } }',
    variables: async (fx) => ({ id: await fx.freshPendingReviewVenue() }),
    writes: VENUE_TABLES,
  },
  {
    allowed: ['admin'],
    document:
      'mutation($id: ID!) { reviewVenueChange(venueId: $id, approve: true) { id securityLevel } }',
    variables: async (fx) => ({ id: await fx.freshVenueWithPendingChange() }),
    writes: VENUE_TABLES,
  },
  {
    allowed: ['admin'],
    document: 'mutation($id: ID!) { suspendVenue(id: $id, reason: "Renovation") { id status } }',
    variables: async (fx) => ({ id: await fx.freshActiveVenue() }),
    writes: VENUE_TABLES,
  },
  {
    allowed: ['admin'],
    document: 'mutation($id: ID!) { reinstateVenue(id: $id) { id status } }',
    variables: async (fx) => ({ id: await fx.freshSuspendedVenue() }),
    writes: VENUE_TABLES,
  },
  {
    scope: 'a Qianmen venue',
    allowed: ['admin', 'qianmen'],
    document: `mutation($venueId: ID!, $startsAt: DateTime!, $endsAt: DateTime!) {
      addBlackout(venueId: $venueId, startsAt: $startsAt, endsAt: $endsAt, reason: "State visit") { id } }`,
    variables: (fx) => ({ venueId: fx.blackoutVenue, ...fx.farDay() }),
    writes: VENUE_TABLES,
  },
  {
    scope: 'a Qianmen venue',
    allowed: ['admin', 'qianmen'],
    document: 'mutation($venueId: ID) { createCalendarFeed(venueId: $venueId) { id kind } }',
    variables: (fx) => ({ venueId: fx.openVenue }),
    writes: ['calendar_feeds'],
  },

  // Bookings: the organizer's, at Qianmen venues.
  {
    allowed: ['organizer', 'organizer2'],
    document: `mutation($input: BookingRequestInput!, $key: String!) {
      requestBooking(input: $input, idempotencyKey: $key) { id status } }`,
    variables: (fx) => ({
      input: { venueId: fx.openVenue, ...fx.slot(), title: 'Cultural exchange', attendees: 20 },
      key: `authz-${Math.random().toString(36).slice(2)}`,
    }),
    writes: BOOKING_TABLES,
  },
  {
    scope: "replaying the organizer's idempotency key",
    allowed: ['organizer'],
    document: `mutation($input: BookingRequestInput!, $key: String!) {
      requestBooking(input: $input, idempotencyKey: $key) { id status } }`,
    variables: async (fx) => {
      const original = await fx.requestBooking({});
      return { input: original.input, key: original.key, originalId: original.id };
    },
    granted: (answer, _fx, variables) => answer.id === variables.originalId,
    writes: BOOKING_TABLES,
    // Another organizer's request with that key is their own, for a slot the original holds.
    alsoRefusedWith: ['SLOT_TAKEN'],
  },
  {
    scope: "the organizer's hold",
    allowed: ['organizer'],
    document: BOOKING('submitBooking'),
    variables: async (fx) => ({ id: await fx.freshHeldBooking() }),
    writes: BOOKING_TABLES,
  },
  {
    // The district may take the subdistrict's step for it.
    scope: 'subdistrict stage',
    allowed: ['qianmen', 'admin'],
    document: BOOKING('approveBooking'),
    variables: async (fx) => ({ id: await fx.freshPendingBooking() }),
    writes: BOOKING_TABLES,
  },
  {
    scope: 'district stage',
    allowed: ['admin'],
    document: BOOKING('approveBooking'),
    variables: async (fx) => ({ id: await fx.freshDistrictStageBooking() }),
    writes: BOOKING_TABLES,
  },
  {
    scope: 'subdistrict stage',
    allowed: ['qianmen', 'admin'],
    document: REJECT,
    variables: async (fx) => ({ id: await fx.freshPendingBooking() }),
    writes: BOOKING_TABLES,
  },
  {
    scope: 'district stage',
    allowed: ['admin'],
    document: REJECT,
    variables: async (fx) => ({ id: await fx.freshDistrictStageBooking() }),
    writes: BOOKING_TABLES,
  },
  {
    scope: "the organizer's completed booking",
    allowed: ['organizer'],
    document: `mutation($id: ID!) {
      rateBooking(id: $id, input: { facilities: 4, overall: 5, comment: "Well run" }) { overall } }`,
    variables: async (fx) => ({ id: await fx.freshCompletedBooking() }),
    writes: ['booking_ratings'],
  },
  {
    scope: "the organizer's booking",
    allowed: ['admin', 'qianmen', 'organizer'],
    document:
      'mutation($id: ID!) { cancelBooking(id: $id, reason: "Plans changed") { id status } }',
    variables: async (fx) => ({ id: await fx.freshApprovedBooking() }),
    writes: BOOKING_TABLES,
  },
  {
    scope: "the organizer's booking",
    allowed: ['organizer'],
    document: `mutation($id: ID!, $startsAt: DateTime!, $endsAt: DateTime!) {
      rescheduleBooking(id: $id, startsAt: $startsAt, endsAt: $endsAt) { id startsAt } }`,
    variables: async (fx) => ({ id: await fx.freshApprovedBooking(), ...fx.slot() }),
    writes: BOOKING_TABLES,
  },
  {
    scope: "the caller's own calendar",
    allowed: ['organizer', 'organizer2', 'security', 'interpreter', 'officer'],
    document: 'mutation { createCalendarFeed { id kind } }',
    writes: ['calendar_feeds'],
    // Managers and the admin have no calendar of their own: they are asked which venue's.
    alsoRefusedWith: ['BAD_USER_INPUT'],
  },
  {
    scope: 'foreign-related events',
    allowed: ['security'],
    document: 'mutation { createCalendarFeed(kind: SECURITY) { id kind } }',
    granted: (answer) => answer.kind === 'SECURITY',
    writes: ['calendar_feeds'],
  },
  {
    scope: "the organizer's feed",
    allowed: ['admin', 'organizer'],
    document: 'mutation($id: ID!) { revokeCalendarFeed(id: $id) { id revokedAt } }',
    variables: async (fx) => ({ id: await fx.freshFeed(fx.tokens.organizer) }),
    writes: ['calendar_feeds'],
  },

  // Staffing: the district plans both pools, security coordinators the officers.
  {
    scope: 'window of an approved booking',
    allowed: ['admin', 'security'],
    document: `mutation($from: DateTime!, $to: DateTime!) { planStaffing(from: $from, to: $to) ${PLAN_RESULT} }`,
    variables: async (fx) => {
      const booking = await fx.requestBooking({});
      return { from: booking.startsAt, to: booking.endsAt };
    },
    writes: PLAN_TABLES,
  },
  {
    scope: 'an approved booking',
    allowed: ['admin', 'security'],
    document: `mutation($id: ID!) { autoStaffBooking(bookingId: $id) ${PLAN_RESULT} }`,
    variables: async (fx) => ({ id: await fx.freshApprovedBooking() }),
    writes: PLAN_TABLES,
  },
  {
    scope: 'an officer to a security place',
    allowed: ['admin', 'security'],
    document: 'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id } }',
    variables: async (fx) => ({
      r: await fx.freshRequirement('SECURITY_OFFICER'),
      s: await fx.freshStaffMember('SECURITY_OFFICER'),
    }),
    writes: PLAN_TABLES,
  },
  {
    scope: 'an interpreter to an interpreting place',
    allowed: ['admin'],
    document: 'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id } }',
    variables: async (fx) => ({
      r: await fx.freshRequirement('INTERPRETER'),
      s: await fx.freshStaffMember('INTERPRETER'),
    }),
    writes: PLAN_TABLES,
  },
  {
    scope: "the interpreter's own",
    allowed: ['interpreter'],
    document: 'mutation($id: ID!) { respondToAssignment(id: $id, accept: true) { id status } }',
    variables: async (fx) => ({ id: await fx.freshInterpreterAssignment() }),
    writes: PLAN_TABLES,
  },
  {
    scope: "the interpreter's own accepted",
    allowed: ['interpreter'],
    document: 'mutation($id: ID!) { withdrawFromAssignment(id: $id, reason: "Ill") { id status } }',
    variables: async (fx) => ({ id: await fx.freshAcceptedInterpreterAssignment() }),
    writes: PLAN_TABLES,
  },
  {
    allowed: ['admin'],
    document:
      'mutation($id: ID!) { overrideStaffingRequirement(id: $id, headcount: 3) { id headcount } }',
    variables: (fx) => ({ id: fx.booking.requirement }),
    writes: PLAN_TABLES,
  },
  ...staffRows('SECURITY_OFFICER'),
  ...staffRows('INTERPRETER'),

  // Notices and channels: each person's own.
  {
    scope: "the organizer's notice",
    allowed: ['organizer'],
    document: 'mutation($id: ID!) { markNotificationRead(id: $id) { id readAt } }',
    variables: async (fx) => ({
      id: await fx.freshNotification('organizer@demo.local', false),
    }),
    writes: ['notifications'],
  },
  {
    scope: "the security coordinator's notice",
    allowed: ['security'],
    document: 'mutation($id: ID!) { acknowledgeNotification(id: $id) { id acknowledgedAt } }',
    variables: async (fx) => ({ id: await fx.freshNotification('security@demo.local', true) }),
    writes: ['notifications'],
  },
  {
    allowed: ANYONE_SIGNED_IN,
    document: `mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { endpoint { id } } }`,
    variables: () => ({ input: { url: 'https://example.org/hook' } }),
    writes: ['webhook_endpoints'],
  },
  {
    scope: "the organizer's endpoint",
    allowed: ['organizer'],
    document: 'mutation($id: ID!) { removeWebhook(id: $id) { id active } }',
    variables: async (fx) => ({ id: await fx.freshWebhook('organizer@demo.local') }),
    writes: ['webhook_endpoints'],
  },
  {
    // Endpoints are their owner's alone: anyone else is told the delivery does not exist.
    scope: "the organizer's failed delivery",
    allowed: ['organizer'],
    document: 'mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }',
    variables: async (fx) => ({ id: await fx.freshFailedDelivery('organizer@demo.local') }),
    writes: ['webhook_deliveries'],
  },
  {
    allowed: ANYONE_SIGNED_IN,
    document: `mutation($input: [ChannelPreferenceInput!]!) {
      setNotificationPreferences(input: $input) { channel enabled } }`,
    variables: () => ({ input: [{ channel: 'EMAIL', enabled: false }] }),
    writes: ['notification_preferences'],
  },
  {
    allowed: ANYONE_SIGNED_IN,
    document: 'query { calendarFeeds { id kind } }',
  },
  {
    scope: "the caller's own profile",
    allowed: ANYONE_SIGNED_IN,
    document: 'mutation($input: UpdateMeInput!) { updateMe(input: $input) { phone } }',
    variables: () => ({ input: { phone: '+86 10 6512 0000' } }),
    writes: ['users'],
  },
  // Subscriptions, over WebSocket only: each caller hears their own notices.
  { allowed: ANYONE_SIGNED_IN, document: 'subscription { notificationReceived { id } }' },
  // Last: a caller whose password it changes cannot use their token again.
  {
    scope: "the caller's own password",
    allowed: ANYONE_SIGNED_IN,
    document:
      'mutation($current: String!, $next: String!) { changePassword(current: $current, next: $next) }',
    variables: () => ({ current: 'demo1234', next: 'changed-in-the-matrix' }),
    writes: ['users'],
  },
];

type OperationType = 'query' | 'mutation' | 'subscription';

/** The Query, Mutation or Subscription field a row's document calls. */
function operationOf(row: Row): { type: OperationType; field: string } {
  const [definition] = parse(row.document).definitions as OperationDefinitionNode[];
  const [selection] = definition.selectionSet.selections;
  if (selection.kind !== Kind.FIELD) throw new Error(`unexpected document ${row.document}`);
  return { type: definition.operation, field: selection.name.value };
}

/** HTTP serves no subscriptions: those lines run over WebSocket alone. */
const overHttp = (row: Row) => operationOf(row).type !== 'subscription';

const titleOf = (row: Row) => {
  const { field } = operationOf(row);
  return row.scope ? `${field} (${row.scope})` : field;
};

/** What each actor got on each row: ✓ succeeded, ✗ refused; a trailing ! marks a breach. */
type Cell = '✓' | '✗' | '✓!' | '✗!' | 'w!';

const REFUSALS = ['FORBIDDEN', 'NOT_FOUND'];

type Transport = 'HTTP' | 'WebSocket';
const TRANSPORTS: readonly Transport[] = ['HTTP', 'WebSocket'];

describe('authorization matrix: every operation × every actor', () => {
  let api: TestApi;
  let fx: Fixtures;
  let control: string;
  const sockets = new Map<ActorName, SocketClient>();
  const results: Record<Transport, Map<string, Map<ActorName, Cell>>> = {
    HTTP: new Map(),
    WebSocket: new Map(),
  };
  const calls: Record<Transport, number> = { HTTP: 0, WebSocket: 0 };
  const unauthorizedSuccesses: Record<Transport, number> = { HTTP: 0, WebSocket: 0 };

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    const signed = await tokensFor(api);
    fx = new Fixtures(api, signed.tokens);
    control = signed.control;
    await fx.setUp();
  });

  afterAll(async () => {
    process.stdout.write(render(results, calls, unauthorizedSuccesses));
    await Promise.all([...sockets.values()].map((socket) => socket.close()));
    await api?.close();
  });

  it('has a row for every query, mutation and subscription of the schema', async () => {
    const response = await api.gql(`query { __schema {
      queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }`);
    const schema = response.data.__schema;
    const fields = [
      ...schema.queryType.fields.map((f: { name: string }) => `query ${f.name}`),
      ...schema.mutationType.fields.map((f: { name: string }) => `mutation ${f.name}`),
      ...schema.subscriptionType.fields.map((f: { name: string }) => `subscription ${f.name}`),
    ];
    const covered = new Set(MATRIX.map(operationOf).map(({ type, field }) => `${type} ${field}`));
    expect(fields.filter((field) => !covered.has(field))).toEqual([]);
    expect([...covered].filter((field) => !fields.includes(field))).toEqual([]);
  });

  it('uses bad tokens that fail for their flaw alone', async () => {
    const ME = 'query { me { role } }';
    const refusal = async (actor: ActorName) =>
      (await api.gql(ME, {}, fx.tokens[actor], { 'accept-language': 'en' })).errors;
    expect(await refusal('expired')).toMatchObject([
      { message: 'Access token has expired', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    for (const actor of ['forged', 'algNone'] as const) {
      expect(await refusal(actor)).toMatchObject([
        { message: 'Access token is invalid', extensions: { code: 'UNAUTHENTICATED' } },
      ]);
    }
    expect((await api.gql(ME, {}, control)).data).toEqual({ me: { role: 'DISTRICT_ADMIN' } });
  });

  /** One actor's attempt at one line, over one transport. */
  function attempt(row: Row, actor: ActorName, transport: Transport) {
    calls[transport]++;
    return transport === 'HTTP' ? overHttpAttempt(row, actor) : overSocketAttempt(row, actor);
  }

  async function overHttpAttempt(
    row: Row,
    actor: ActorName,
  ): Promise<{ cell: Cell; problem?: string }> {
    const { type, field } = operationOf(row);
    const allowed = row.allowed.includes(actor);
    const variables = (await row.variables?.(fx)) ?? {};
    const checkWrites = !allowed && type === 'mutation' && row.writes;
    const before = checkWrites ? await snapshot(api.dataSource, row.writes!) : '';
    const response: GraphQLResponse = await api.gql(row.document, variables, fx.tokens[actor]);
    const answer = response.data?.[field];
    const code = response.errors?.[0]?.extensions.code;
    const succeeded =
      !response.errors?.length &&
      answer !== null &&
      answer !== undefined &&
      (!row.granted || row.granted(answer, fx, variables));
    const said = code ? `${code}: ${response.errors![0].message}` : JSON.stringify(answer);

    if (allowed) {
      return succeeded ? { cell: '✓' } : { cell: '✗!', problem: `refused: ${said}` };
    }
    if (succeeded) {
      unauthorizedSuccesses.HTTP++;
      return { cell: '✓!', problem: `succeeded: ${said}` };
    }
    if (checkWrites && (await snapshot(api.dataSource, row.writes!)) !== before) {
      unauthorizedSuccesses.HTTP++;
      return { cell: 'w!', problem: `refused (${said}) but wrote to ${row.writes!.join(', ')}` };
    }
    if ((UNAUTHENTICATED as readonly string[]).includes(actor)) {
      return code === 'UNAUTHENTICATED'
        ? { cell: '✗' }
        : { cell: '✗!', problem: `answered ${said}, expected UNAUTHENTICATED` };
    }
    // A signed-in caller may also be answered without the target (null, or a list without it).
    const expected = [...REFUSALS, ...(row.alsoRefusedWith ?? [])];
    return code === undefined || expected.includes(code)
      ? { cell: '✗' }
      : { cell: '✗!', problem: `refused with ${said}, expected ${expected.join(' or ')}` };
  }

  /**
   * Over WebSocket a query or mutation is refused for everyone, before it runs: signed in with
   * WRONG_TRANSPORT, otherwise at the handshake (4401 without a token, 4403 with a bad one).
   * A subscription must reach those its line allows, with their own notices only.
   */
  async function overSocketAttempt(
    row: Row,
    actor: ActorName,
  ): Promise<{ cell: Cell; problem?: string }> {
    const { type, field } = operationOf(row);
    const allowed = type === 'subscription' && row.allowed.includes(actor);
    const signedIn = !(UNAUTHENTICATED as readonly string[]).includes(actor);
    let socket = sockets.get(actor);
    if (!socket) sockets.set(actor, (socket = new SocketClient(api.url, fx.tokens[actor])));
    const variables = (await row.variables?.(fx)) ?? {};
    const checkWrites = type === 'mutation' && row.writes;
    const before = checkWrites ? await snapshot(api.dataSource, row.writes!) : '';
    const listening = type === 'subscription' && signedIn;
    const recipient = listening ? await fx.userId(`${actor}@demo.local`) : '';
    const outcome = listening
      ? await subscriptionOutcome(api.app, socket, recipient, row.document)
      : await socket.first(row.document, variables);
    const answer = outcome.data?.[field];
    const said = outcome.closed
      ? `closed ${outcome.closed.code}: ${outcome.closed.reason}`
      : outcome.errors
        ? `${socketCode(outcome)}: ${outcome.errors[0].message}`
        : JSON.stringify(answer);
    const succeeded = !outcome.errors?.length && answer !== null && answer !== undefined;
    if (succeeded && listening) {
      const [notice] = await api.dataSource.query(
        'SELECT recipient_id AS recipient FROM notifications WHERE id = ?',
        [answer.id],
      );
      if (String(notice?.recipient) !== recipient) {
        unauthorizedSuccesses.WebSocket++;
        return { cell: '✓!', problem: `heard another's notice: ${said}` };
      }
    }
    if (allowed) {
      return succeeded ? { cell: '✓' } : { cell: '✗!', problem: `refused: ${said}` };
    }
    if (succeeded) {
      unauthorizedSuccesses.WebSocket++;
      return { cell: '✓!', problem: `succeeded: ${said}` };
    }
    if (checkWrites && (await snapshot(api.dataSource, row.writes!)) !== before) {
      unauthorizedSuccesses.WebSocket++;
      return { cell: 'w!', problem: `refused (${said}) but wrote to ${row.writes!.join(', ')}` };
    }
    const expected = signedIn ? 'WRONG_TRANSPORT' : actor === 'noToken' ? 4401 : 4403;
    return socketCode(outcome) === expected
      ? { cell: '✗' }
      : { cell: '✗!', problem: `answered ${said}, expected ${expected}` };
  }

  for (const row of MATRIX) {
    it(titleOf(row), async () => {
      const problems: string[] = [];
      // WebSocket first: the last line changes the callers' passwords over HTTP.
      for (const transport of ['WebSocket', 'HTTP'] as const) {
        if (transport === 'HTTP' && !overHttp(row)) continue;
        const cells = new Map<ActorName, Cell>();
        results[transport].set(titleOf(row), cells);
        for (const actor of ACTORS) {
          const { cell, problem } = await attempt(row, actor, transport);
          cells.set(actor, cell);
          if (problem) problems.push(`${actor} over ${transport}: ${problem}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('lets nobody do what the policy does not allow, over either transport', () => {
    count('authorizationCases', calls.HTTP);
    count('authorizationCasesWebSocket', calls.WebSocket);
    count('unauthorizedSuccesses', unauthorizedSuccesses.HTTP);
    count('unauthorizedSuccessesWebSocket', unauthorizedSuccesses.WebSocket);
    expect(unauthorizedSuccesses).toEqual({ HTTP: 0, WebSocket: 0 });
    // Every row ran for every actor: a row that broke off early cannot hide a success.
    expect(calls).toEqual({
      HTTP: MATRIX.filter(overHttp).length * ACTORS.length,
      WebSocket: MATRIX.length * ACTORS.length,
    });
  });
});

function render(
  results: Record<Transport, Map<string, Map<ActorName, Cell>>>,
  calls: Record<Transport, number>,
  unauthorizedSuccesses: Record<Transport, number>,
): string {
  const titles = TRANSPORTS.flatMap((transport) => [...results[transport].keys()]);
  const width = Math.max(...titles.map((title) => title.length));
  const header = `${''.padEnd(width)}  ${ACTORS.map((a) => ACTOR_LABELS[a].padEnd(4)).join('')}`;
  const table = (transport: Transport) => [
    '',
    `Over ${transport}`,
    header,
    ...[...results[transport]].map(
      ([title, cells]) =>
        `${title.padEnd(width)}  ${ACTORS.map((a) => (cells.get(a) ?? ' ').padEnd(4)).join('')}`,
    ),
    `${calls[transport]} calls over ${transport}, ${unauthorizedSuccesses[transport]} unauthorized successes`,
  ];
  return [
    '',
    'Authorization matrix (✓ succeeded, ✗ refused; a trailing ! marks a breach, w! a refused call that wrote)',
    ACTOR_LEGEND,
    ...table('HTTP'),
    ...table('WebSocket'),
    '',
  ].join('\n');
}

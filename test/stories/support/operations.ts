// The operations the stories call, as a client would write them.
export { on } from '../../support/booking-fixtures';

export const ME = `{ me { email role timeZone locale subdistrict { nameEn } } }`;

export const UPDATE_ME = `mutation($input: UpdateMeInput!) {
  updateMe(input: $input) { email locale timeZone }
}`;

export const VENUE_BY_NAME = `query($text: String!) {
  venues(filter: { text: $text }, first: 5) { edges { node { id nameEn nameZh addressEn addressZh } } }
}`;

export const SEARCH = `query($input: AvailabilityInput!) {
  availableVenues(input: $input, first: 20) {
    totalCount edges { node { id nameEn seatedCapacity requiresApproval } }
  }
}`;

export const PENDING_CHANGE = `pendingChange { startsAt endsAt requestedAt venue { id nameEn } }`;

export const BOOKING_FIELDS = `id title status approvalStage startsAt endsAt holdExpiresAt protocolLevel attendees
  foreignGuests venue { id nameEn } ${PENDING_CHANGE}`;

export const AUDIT_FIELDS = `auditTrail {
  action fromStatus toStatus reason onBehalfOf actor { email } changes { field from to }
}`;

export const REQUEST = `mutation($input: BookingRequestInput!, $key: String!) {
  requestBooking(input: $input, idempotencyKey: $key) { ${BOOKING_FIELDS} }
}`;

export const SUBMIT = `mutation($id: ID!) { submitBooking(id: $id) { ${BOOKING_FIELDS} } }`;

export const APPROVE = `mutation($id: ID!, $comment: String) {
  approveBooking(id: $id, comment: $comment) {
    status approvalStage startsAt endsAt ${PENDING_CHANGE} ${AUDIT_FIELDS}
  }
}`;

export const REJECT = `mutation($id: ID!, $reason: String!) {
  rejectBooking(id: $id, reason: $reason) {
    status approvalStage startsAt endsAt ${PENDING_CHANGE} ${AUDIT_FIELDS}
  }
}`;

export const RESCHEDULE = `mutation($id: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $venueId: ID) {
  rescheduleBooking(id: $id, startsAt: $startsAt, endsAt: $endsAt, venueId: $venueId) {
    ${BOOKING_FIELDS}
  }
}`;

export const CANCEL = `mutation($id: ID!, $reason: String!) {
  cancelBooking(id: $id, reason: $reason) { status ${AUDIT_FIELDS} }
}`;

export const BOOKING = `query($id: ID!) { booking(id: $id) { ${BOOKING_FIELDS} ${AUDIT_FIELDS} } }`;

export const PENDING = `{
  pendingApprovals(first: 50) { totalCount edges { node { id title approvalStage venue { nameEn } } } }
}`;

export const ACKNOWLEDGE = `mutation($id: ID!) {
  acknowledgeNotification(id: $id) { id readAt acknowledgedAt }
}`;

export const MARK_READ = `mutation($id: ID!) { markNotificationRead(id: $id) { id readAt } }`;

export const UNREAD = `{ notifications(unreadOnly: true, first: 100) { totalCount } }`;

export const CREATE_FEED = `mutation($venueId: ID) { createCalendarFeed(venueId: $venueId) { id kind url } }`;

export const REQUIREMENTS = `query($id: ID!) {
  staffingRequirements(bookingId: $id) {
    id kind headcount minClearance skill languageFrom languageTo mode
    assignments { id status staff { nameEn } }
  }
}`;

export const STAFF = `query($filter: StaffFilter) {
  staff(filter: $filter, first: 50) { edges { node { id nameEn } } }
}`;

export const ASSIGN = `mutation($requirementId: ID!, $staffId: ID!) {
  assignStaff(requirementId: $requirementId, staffId: $staffId) { id status staff { nameEn } }
}`;

export const AUTO_STAFF = `mutation($id: ID!) {
  autoStaffBooking(bookingId: $id) {
    assigned { id staff { nameEn } requirement { kind skill } }
    kept { id }
    unfilled { missing reason }
    statistics { places covered }
  }
}`;

export const MY_ASSIGNMENTS = `{
  myAssignments {
    id status reason startsAt endsAt
    event { title startsAt endsAt venue { nameEn nameZh addressEn addressZh } }
  }
}`;

export const RESPOND = `mutation($id: ID!, $accept: Boolean!, $reason: String) {
  respondToAssignment(id: $id, accept: $accept, reason: $reason) { id status reason }
}`;

export const WITHDRAW = `mutation($id: ID!, $reason: String!) {
  withdrawFromAssignment(id: $id, reason: $reason) { id status reason }
}`;

export const REPORT = `query($from: DateTime!, $to: DateTime!, $subdistrictId: ID) {
  serviceCapacityReport(from: $from, to: $to, subdistrictId: $subdistrictId) {
    subdistrictId
    totals { events approvals foreignGuests bookingsByProtocol { standard high state } }
    bySubdistrict { subdistrictId nameEn events approvals }
    byVenue { venueId nameEn events }
  }
}`;

export const REGISTER_VENUE = `mutation($input: RegisterVenueInput!) {
  registerVenue(input: $input) { id status }
}`;

export const SUBMIT_VENUE = `mutation($id: ID!) { submitVenueForReview(id: $id) { id status } }`;

export const REVIEW_VENUE = `mutation($id: ID!, $approve: Boolean!, $reason: String) {
  reviewVenue(id: $id, approve: $approve, reason: $reason) { id status statusReason }
}`;

const VENUE_CHANGE = `pendingChange {
  requestedBy { email } securityLevel seatedCapacity standingCapacity
  changes { field from to }
  bookingsOverCapacity { id title attendees status }
}`;

export const UPDATE_FACTS = `mutation($id: ID!, $input: UpdateVenueInput!) {
  updateVenue(id: $id, input: $input) {
    status securityLevel seatedCapacity standingCapacity ${VENUE_CHANGE}
  }
}`;

export const REVIEW_VENUE_CHANGE = `mutation($id: ID!, $approve: Boolean!, $reason: String) {
  reviewVenueChange(venueId: $id, approve: $approve, reason: $reason) {
    securityLevel seatedCapacity standingCapacity pendingChange { securityLevel }
  }
}`;

export const SUSPEND_VENUE = `mutation($id: ID!, $reason: String!) {
  suspendVenue(id: $id, reason: $reason) {
    status statusReason affectedBookings { id title status startsAt }
  }
}`;

export const VENUE_AUDIT = `query($id: ID!) {
  venue(id: $id) { audit { action fromStatus toStatus reason actor { email } changes { field from to } } }
}`;

export const REGISTER_WEBHOOK = `mutation($input: RegisterWebhookInput!) {
  registerWebhook(input: $input) { secret endpoint { id url active } }
}`;

export const WEBHOOK_DELIVERIES = `{ webhookEndpoints { id
  deliveries { id notificationId status attempts { statusCode } }
} }`;

export const REDELIVER = `mutation($id: ID!) {
  redeliverWebhook(deliveryId: $id) { id status }
}`;

let keys = 0;
/** A fresh idempotency key, as a client makes one per request. */
export const key = () => `story-${process.pid}-${++keys}`;

/**
 * An audit trail as one line per step, e.g.
 * "approved PENDING_APPROVAL→APPROVED by admin@demo.local for SUBDISTRICT: Fine".
 */
export const trail = (entries: any[]): string[] =>
  entries.map(
    (e) =>
      `${e.action} ${e.fromStatus ?? '–'}→${e.toStatus} by ${e.actor?.email ?? 'the system'}` +
      (e.onBehalfOf ? ` for ${e.onBehalfOf}` : '') +
      (e.reason ? `: ${e.reason}` : ''),
  );

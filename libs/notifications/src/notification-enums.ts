export enum NotificationKind {
  SECURITY_APPROVED = 'SECURITY_APPROVED',
  SECURITY_CHANGED = 'SECURITY_CHANGED',
  SECURITY_CANCELLED = 'SECURITY_CANCELLED',
  REMINDER = 'REMINDER',
  APPROVAL_WAITING = 'APPROVAL_WAITING',
  /** To the approvers of the step: a request reached them. */
  APPROVAL_REQUESTED = 'APPROVAL_REQUESTED',
  FEEDBACK_REQUEST = 'FEEDBACK_REQUEST',
  SECURITY_ESCALATION = 'SECURITY_ESCALATION',
  ASSIGNMENT_PROPOSED = 'ASSIGNMENT_PROPOSED',
  ASSIGNMENT_MOVED = 'ASSIGNMENT_MOVED',
  ASSIGNMENT_CANCELLED = 'ASSIGNMENT_CANCELLED',
  /** To the planners: an interpreter or officer gave back an accepted assignment. */
  ASSIGNMENT_WITHDRAWN = 'ASSIGNMENT_WITHDRAWN',
  BOOKING_APPROVED = 'BOOKING_APPROVED',
  BOOKING_REJECTED = 'BOOKING_REJECTED',
  BOOKING_CANCELLED = 'BOOKING_CANCELLED',
  /** To the organizer: the approvers rejected a change to an approved booking, which stands as it was. */
  BOOKING_CHANGE_REJECTED = 'BOOKING_CHANGE_REJECTED',
  /** To the organizer: a hold runs out soon; submit it to keep the slot. */
  HOLD_EXPIRING = 'HOLD_EXPIRING',
  /** To the organizer: a hold ran out unsubmitted and the slot is free again. */
  HOLD_EXPIRED = 'HOLD_EXPIRED',
  /** To the district admins: a venue, or a change to a venue's reviewed facts, waits for review. */
  VENUE_SUBMITTED = 'VENUE_SUBMITTED',
  /** To the venue's subdistrict managers: the district decided on the venue or its change. */
  VENUE_REVIEWED = 'VENUE_REVIEWED',
  /** To the organizer, security and assigned staff of a booking at a venue just suspended. */
  VENUE_SUSPENDED = 'VENUE_SUSPENDED',
  /** To everyone behind a booking a blackout now covers: it must move (or be cancelled). */
  VENUE_UNAVAILABLE = 'VENUE_UNAVAILABLE',
}

/** Where a notification reaches its recipient besides being recorded. */
export enum NotificationChannel {
  /** Counted as unread in the inbox (muted ones are stored already read). */
  IN_APP = 'IN_APP',
  /** Pushed live over the notificationReceived subscription. */
  SUBSCRIPTION = 'SUBSCRIPTION',
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}

export const ALL_CHANNELS = Object.values(NotificationChannel);

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

export enum BookingStatus {
  HELD = 'HELD',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
  COMPLETED = 'COMPLETED',
}

export enum ProtocolLevel {
  STANDARD = 'STANDARD',
  HIGH = 'HIGH',
  STATE = 'STATE',
}

export enum InterpretationMode {
  SIMULTANEOUS = 'SIMULTANEOUS',
  CONSECUTIVE = 'CONSECUTIVE',
  ESCORT = 'ESCORT',
}

/** Whose decision a PENDING_APPROVAL booking waits for. */
export enum ApprovalStage {
  SUBDISTRICT = 'SUBDISTRICT',
  DISTRICT = 'DISTRICT',
}

/** Statuses whose occupied range blocks the venue (HELD only until the hold expires). */
export const BLOCKING_STATUSES = [
  BookingStatus.HELD,
  BookingStatus.PENDING_APPROVAL,
  BookingStatus.APPROVED,
];

/** The venue security level each protocol level needs. */
export const REQUIRED_SECURITY_LEVEL: Record<ProtocolLevel, number> = {
  [ProtocolLevel.STANDARD]: 1,
  [ProtocolLevel.HIGH]: 2,
  [ProtocolLevel.STATE]: 3,
};

export enum CalendarFeedKind {
  VENUE = 'VENUE',
  ORGANIZER = 'ORGANIZER',
  /** An interpreter's or security officer's assignments (rendered by libs/staffing). */
  STAFF = 'STAFF',
  /** A security coordinator's approved foreign-related events in their scope. */
  SECURITY = 'SECURITY',
}

/** How an event's attendees are counted against a venue: in seats, or standing. */
export enum Seating {
  /** Against the seated capacity (the default: a round table needs chairs). */
  SEATED = 'SEATED',
  /** Against the larger of the seated and standing capacities (a reception). */
  STANDING = 'STANDING',
}

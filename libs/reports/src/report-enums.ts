/** Where a piece of unmet demand was seen. */
export enum UnmetSource {
  /** availableVenues found nothing. */
  SEARCH = 'SEARCH',
  REJECTED = 'REJECTED',
  /** A hold ran out without being submitted. */
  EXPIRED = 'EXPIRED',
  /** An approved event with staffing places left unfilled. */
  UNSTAFFED = 'UNSTAFFED',
}

export enum UnmetReason {
  CAPACITY = 'CAPACITY',
  FACILITY = 'FACILITY',
  LANGUAGE = 'LANGUAGE',
  SECURITY_LEVEL = 'SECURITY_LEVEL',
  /** The suitable venues do not take an event that long (or that short). */
  DURATION = 'DURATION',
  /** The suitable venues are closed for part of the time asked. */
  OUTSIDE_HOURS = 'OUTSIDE_HOURS',
  SLOT_TAKEN = 'SLOT_TAKEN',
  /** Rejections (the approver's reason is free text) and expired holds. */
  OTHER = 'OTHER',
}

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
  SLOT_TAKEN = 'SLOT_TAKEN',
  /** Rejections (the approver's reason is free text) and expired holds. */
  OTHER = 'OTHER',
}

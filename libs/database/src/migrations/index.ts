import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { DongchengSubdistricts1764000000001 } from './1764000000001-dongcheng-subdistricts';
import { Bookings1764000000002 } from './1764000000002-bookings';
import { StaffPools1764000000003 } from './1764000000003-staff-pools';
import { StaffingRequirements1764000000004 } from './1764000000004-staffing-requirements';
import { Assignments1764000000005 } from './1764000000005-assignments';
import { Notifications1764000000006 } from './1764000000006-notifications';
import { WebhooksAndPreferences1764000000007 } from './1764000000007-webhooks-and-preferences';
import { Reports1764000000008 } from './1764000000008-reports';
import { RequirementAssignmentLock1764000000009 } from './1764000000009-requirement-assignment-lock';
import { RequirementsFollowBookings1764000000010 } from './1764000000010-requirements-follow-bookings';
import { AuditChanges1764000000011 } from './1764000000011-audit-changes';
import { BookingSubdistrict1764000000012 } from './1764000000012-booking-subdistrict';
import { CredentialsChanged1764000000013 } from './1764000000013-credentials-changed';
import { UserProfile1764000000014 } from './1764000000014-user-profile';
import { BookingProposals1764000000015 } from './1764000000015-booking-proposals';
import { VenueAudit1764000000016 } from './1764000000016-venue-audit';
import { SupersededNotices1764000000019 } from './1764000000019-superseded-notices';
import { BoundedOverlap1764000000020 } from './1764000000020-bounded-overlap';
import { VenueSearchIndex1764000000021 } from './1764000000021-venue-search-index';

/** Every migration, in order. A new migration is added here as well as in this folder. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  DongchengSubdistricts1764000000001,
  Bookings1764000000002,
  StaffPools1764000000003,
  StaffingRequirements1764000000004,
  Assignments1764000000005,
  Notifications1764000000006,
  WebhooksAndPreferences1764000000007,
  Reports1764000000008,
  RequirementAssignmentLock1764000000009,
  RequirementsFollowBookings1764000000010,
  AuditChanges1764000000011,
  BookingSubdistrict1764000000012,
  CredentialsChanged1764000000013,
  UserProfile1764000000014,
  BookingProposals1764000000015,
  VenueAudit1764000000016,
  SupersededNotices1764000000019,
  BoundedOverlap1764000000020,
  VenueSearchIndex1764000000021,
];

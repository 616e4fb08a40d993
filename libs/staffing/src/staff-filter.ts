import { InterpretationMode } from '@app/bookings';
import { StaffKind } from './staffing-enums';

export interface StaffFilter {
  kind?: StaffKind;
  /** Works from or into this language (BCP 47). */
  language?: string;
  mode?: InterpretationMode;
  minClearance?: number;
  /** Matches the name in either language. */
  text?: string;
}

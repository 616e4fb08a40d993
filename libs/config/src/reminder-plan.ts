/** Who a reminder is for. */
export type ReminderAudience = 'organizer' | 'interpreters' | 'security' | 'approvers' | 'feedback';
/**
 * What it counts from: the event's start or end, when the request began to wait, or (built in,
 * not in REMINDER_PLAN) a hold's expiry.
 */
export type ReminderAnchor = 'start' | 'end' | 'requested' | 'hold';

export interface ReminderRule {
  audience: ReminderAudience;
  anchor: ReminderAnchor;
  /** Milliseconds after the anchor (negative: before). */
  offsetMs: number;
  /** As written, e.g. "start-24h": part of each reminder's identity. */
  label: string;
}

/**
 * The organizer's warning that a hold is running out, always planned for a HELD booking: at half
 * the hold's time, and at least 10 minutes before it ends (the time is worked out per booking).
 */
export const HOLD_EXPIRING_RULE: ReminderRule = {
  audience: 'organizer',
  anchor: 'hold',
  offsetMs: 0,
  label: 'hold-expiring',
};
/** How long before a hold ends its warning comes at the latest. */
export const HOLD_WARNING_LEAD_MS = 10 * 60_000;

export const DEFAULT_REMINDER_PLAN =
  'organizer@start-72h,organizer@start-24h,interpreters@start-48h,interpreters@start-2h,' +
  'security@start-24h,security@start-2h,approvers@requested+24h,feedback@end+2h';

const RULE =
  /^(organizer|interpreters|security|approvers|feedback)@(start|end|requested)([+-])(\d+)(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses "audience@anchor±N(s|m|h|d)" entries separated by commas; null when one is malformed. */
export function parseReminderPlan(text: string): ReminderRule[] | null {
  const rules: ReminderRule[] = [];
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = RULE.exec(entry);
    if (!match) return null;
    const [, audience, anchor, sign, amount, unit] = match;
    rules.push({
      audience: audience as ReminderAudience,
      anchor: anchor as ReminderAnchor,
      offsetMs: (sign === '-' ? -1 : 1) * Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS],
      label: `${anchor}${sign}${amount}${unit}`,
    });
  }
  return rules;
}

/** Who a reminder is for. */
export type ReminderAudience = 'organizer' | 'interpreters' | 'security' | 'approvers' | 'feedback';
/** What it counts from: the event's start or end, or when the request began to wait. */
export type ReminderAnchor = 'start' | 'end' | 'requested';

export interface ReminderRule {
  audience: ReminderAudience;
  anchor: ReminderAnchor;
  /** Milliseconds after the anchor (negative: before). */
  offsetMs: number;
  /** As written, e.g. "start-24h": part of each reminder's identity. */
  label: string;
}

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

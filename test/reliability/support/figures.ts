import { appendFileSync } from 'node:fs';

/** What the summary prints, in this order; each suite adds to the ones it measures. */
export const FIGURES = {
  attempts: 'booking and assignment attempts',
  overlapsSingleServer: 'overlaps on the single server',
  overlapsGalera: 'overlaps on the Galera cluster',
  faultsInjected: 'faults injected',
  faultsSurvived: 'faults survived',
  badInputs: 'bad inputs tried over HTTP',
  badInputsWebSocket: 'bad inputs tried over WebSocket',
  nullInputs: 'nulls sent where a value is optional',
  overLongInputs: 'texts one past their limit',
  internalErrors: 'internal errors',
  limitBypasses: 'texts past their limit accepted',
  authorizationCases: 'authorization cases over HTTP',
  authorizationCasesWebSocket: 'authorization cases over WebSocket',
  unauthorizedSuccesses: 'unauthorized successes over HTTP',
  unauthorizedSuccessesWebSocket: 'unauthorized successes over WebSocket',
  duplicateDeliveries: 'duplicate deliveries',
  lostReminders: 'lost reminders',
} as const;

export type Figure = keyof typeof FIGURES;

/** Where suites (in jest's worker processes) leave their counts for the summary reporter. */
export const FIGURES_FILE_VARIABLE = 'RELIABILITY_FIGURES_FILE';

/** Adds `amount` to a figure of the summary. */
export function count(figure: Figure, amount: number): void {
  const file = process.env[FIGURES_FILE_VARIABLE];
  if (!file) throw new Error(`${FIGURES_FILE_VARIABLE} is not set: run npm run test:reliability`);
  appendFileSync(file, `${JSON.stringify({ figure, amount })}\n`);
}

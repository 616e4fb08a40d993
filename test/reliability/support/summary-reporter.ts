import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter } from '@jest/reporters';
import { Figure, FIGURES, FIGURES_FILE_VARIABLE } from './figures';

/** Prints the counts every suite recorded, and keeps them in test/artifacts for the record. */
export default class SummaryReporter implements Pick<Reporter, 'onRunComplete'> {
  onRunComplete(): void {
    const file = process.env[FIGURES_FILE_VARIABLE];
    const totals = Object.fromEntries(Object.keys(FIGURES).map((f) => [f, 0])) as Record<
      Figure,
      number
    >;
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
        const { figure, amount } = JSON.parse(line) as { figure: Figure; amount: number };
        totals[figure] += amount;
      }
    }
    const width = Math.max(...Object.values(FIGURES).map((label) => label.length));
    const lines = (Object.keys(FIGURES) as Figure[]).map(
      (figure) => `  ${FIGURES[figure].padEnd(width)}  ${totals[figure]}`,
    );
    process.stdout.write(`\nReliability summary\n${lines.join('\n')}\n\n`);
    mkdirSync('test/artifacts', { recursive: true });
    writeFileSync(
      join('test/artifacts', 'reliability-summary.json'),
      JSON.stringify(totals, null, 2),
    );
  }
}

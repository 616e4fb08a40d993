import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIGURES_FILE_VARIABLE } from './figures';
import baseSetup from '../../support/global-setup';

export default async function globalSetup(): Promise<void> {
  await baseSetup();
  // Workers inherit the environment, so every suite appends to this one file.
  const file = join(mkdtempSync(join(tmpdir(), 'reliability-')), 'figures.jsonl');
  writeFileSync(file, '');
  process.env[FIGURES_FILE_VARIABLE] = file;
}

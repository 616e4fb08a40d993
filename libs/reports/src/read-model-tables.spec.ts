import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { READ_MODEL_TABLES } from './reports-read-model.repository';

const READ_MODEL = 'reports-read-model.repository.ts';
const OWN = new Set<string>(READ_MODEL_TABLES.reports);

const sourceOf = (file: string) => readFileSync(join(__dirname, file), 'utf8');
/** The tables SQL in the source reads from or joins (a subquery's parenthesis is no name). */
const tablesIn = (source: string) =>
  [
    ...new Set([...source.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/g)].map((match) => match[1])),
  ].sort();
const libFiles = readdirSync(__dirname).filter(
  (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && file !== READ_MODEL,
);

describe('the tables reports reads', () => {
  it('are declared by the read model, every one it reads and no other', () => {
    const declared = Object.values(READ_MODEL_TABLES).flat();
    expect(tablesIn(sourceOf(READ_MODEL))).toEqual([...declared].sort());
  });

  it('are read nowhere else in reports but for its own', () => {
    const elsewhere = libFiles.flatMap((file) =>
      tablesIn(sourceOf(file))
        .filter((table) => !OWN.has(table))
        .map((table) => `${file}: ${table}`),
    );
    expect(elsewhere).toEqual([]);
  });

  it('are not reached through another lib’s entity either', () => {
    const entities = libFiles.flatMap((file) =>
      [...sourceOf(file).matchAll(/\b(\w+Entity)\b/g)]
        .map((match) => match[1])
        .filter((name) => name !== 'RatingEntity')
        .map((name) => `${file}: ${name}`),
    );
    expect(entities).toEqual([]);
  });
});

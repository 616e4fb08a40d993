/** Rows grouped by a key. */
export function groupByKey<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Rows in groups lined up with the keys asked for: what a DataLoader batch function returns. */
export function groupsFor<T>(
  keys: readonly string[],
  rows: readonly T[],
  keyOf: (row: T) => string,
): T[][] {
  const groups = groupByKey(rows, keyOf);
  return keys.map((key) => groups.get(key) ?? []);
}

import { Brackets, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { selectEntities, SqlFragment } from './entity-rows';
import { isValidId } from './ids';

/** A page of a keyset-paginated list, before it becomes a GraphQL connection. */
export interface Page<T> {
  items: T[];
  /** The whole list's size, counted when asked for (once): most pages are read without it. */
  totalCount: () => Promise<number>;
  hasNextPage: boolean;
}

/** A count run at most once, and only if someone asks. */
export function countedOnce(count: () => Promise<number>): () => Promise<number> {
  let counted: Promise<number> | undefined;
  return () => (counted ??= count());
}

export interface PageRequest {
  first: number;
  /** The id of the last item of the previous page, decoded from the cursor. */
  afterId?: string;
}

/** How a keyset-paged list runs. The id always breaks ties, so every row has one place. */
export interface KeysetOrder {
  /** ASC (the default) runs to higher ids, DESC (newest first) to lower ones. */
  direction?: 'ASC' | 'DESC';
  /** A column of the query's main alias sorted on before the id, e.g. `b.submitted_at`. */
  by?: string;
}

/**
 * One page of the query's rows in keyset order: up to first + 1 rows past the cursor's row, the extra one only telling whether
 * a next page exists. LIMIT rather than TypeORM's take, which turns a query with joins into two.
 * The query's own ORDER BY is replaced. Ordered `by` a column, the cursor's row is looked up for
 * its value; a cursor whose row has gone (or has no value there) starts the list again.
 * totalCount counts the whole list (the cursor left out) only when it is asked for: on a large
 * list the count costs more than the page.
 */
export async function keysetPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: PageRequest,
  { direction = 'ASC', by }: KeysetOrder = {},
): Promise<Page<T>> {
  const id = `${query.alias}.id`;
  const past = direction === 'ASC' ? '>' : '<';
  const whole = query.clone();
  const totalCount = countedOnce(() => whole.getCount());
  if (page.afterId && !by) {
    query.andWhere(`${id} ${past} :keysetAfterId`, { keysetAfterId: page.afterId });
  } else if (page.afterId && by) {
    const value = await valueAt(query, by, page.afterId);
    if (value !== null) {
      query.andWhere(
        new Brackets((q) =>
          q
            .where(`${by} ${past} :keysetAfterValue`, { keysetAfterValue: value })
            .orWhere(`${by} = :keysetAfterValue AND ${id} ${past} :keysetAfterId`, {
              keysetAfterId: page.afterId,
            }),
        ),
      );
    }
  }
  query.orderBy(by ?? id, direction);
  if (by) query.addOrderBy(id, direction);
  const rows = await query.limit(page.first + 1).getMany();
  return { items: rows.slice(0, page.first), totalCount, hasNextPage: rows.length > page.first };
}

/**
 * keysetPage in id order over one entity's table written as SQL (`where` may use its alias `e`),
 * read through selectEntities: for the hot lists, where TypeORM's query building and hydration
 * cost more CPU than the database spent on the page.
 */
export async function keysetEntities<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: SqlFragment,
  page: PageRequest,
  { direction = 'ASC' }: Pick<KeysetOrder, 'direction'> = {},
): Promise<Page<T>> {
  const past = direction === 'ASC' ? '>' : '<';
  const after = page.afterId ? ` AND e.id ${past} ?` : '';
  const rows = await selectEntities(manager, target, {
    sql: `(${where.sql})${after} ORDER BY e.id ${direction} LIMIT ?`,
    params: [...where.params, ...(page.afterId ? [page.afterId] : []), page.first + 1],
  });
  const table = manager.connection.getMetadata(target).tableName;
  const totalCount = countedOnce(async () => {
    const [row]: { count: number | string }[] = await manager.query(
      `SELECT COUNT(*) AS count FROM \`${table}\` e WHERE ${where.sql}`,
      where.params,
    );
    return Number(row.count);
  });
  const items = rows.map((row) => row.entity);
  return { items: items.slice(0, page.first), totalCount, hasNextPage: items.length > page.first };
}

/** The `column` of the row with that id in the query's main table, unfiltered. */
async function valueAt<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  rowId: string,
): Promise<unknown> {
  const table = query.expressionMap.mainAlias!.target;
  const row = await query
    .createQueryBuilder()
    .select(column, 'value')
    .from(table, query.alias)
    .where(`${query.alias}.id = :rowId`, { rowId })
    .getRawOne<{ value: unknown }>();
  return row?.value ?? null;
}

const CURSOR_PREFIX = 'id:';

export function encodeCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');
}

/** Returns the id inside a cursor, or null when the cursor is not one of ours. */
export function decodeCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) return null;
  const id = text.slice(CURSOR_PREFIX.length);
  return isValidId(id) ? id : null;
}

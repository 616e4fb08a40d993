import { Column, DataSource, Entity, PrimaryGeneratedColumn, SelectQueryBuilder } from 'typeorm';
import { buildDataSourceOptions } from './data-source.options';
import {
  decodeCursor,
  encodeCursor,
  keysetEntities,
  KeysetOrder,
  keysetPage,
  Page,
} from './pagination';
import { SqlStatementCounter } from './sql-statement-counter';
import { createTestDatabase, TestDatabase } from './testing';

describe('cursors', () => {
  it('round-trips an id', () => {
    expect(decodeCursor(encodeCursor('42'))).toBe('42');
  });

  it('rejects what is not a cursor of ours', () => {
    expect(decodeCursor('nonsense')).toBeNull();
    expect(decodeCursor(Buffer.from('id:0; DROP TABLE venues').toString('base64url'))).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });
});

@Entity('keyset_rows')
class KeysetRow {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 10 })
  grp: string;

  @Column({ name: 'ranked_at', type: 'datetime', precision: 3, nullable: true })
  rankedAt: Date | null;
}

interface Walked {
  ids: string[];
  totalCount: number;
  hasNextPage: boolean;
}

/** Against the real MariaDB: every page after the previous one's last row, to the end. */
describe('keysetPage', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const statements = new SqlStatementCounter();
  /** Ids by group, in insertion (id) order. */
  const ids: Record<'a' | 'b', string[]> = { a: [], b: [] };
  const rankOf = new Map<string, number>();

  const rowsOf = (grp: string) =>
    dataSource.getRepository(KeysetRow).createQueryBuilder('r').where('r.grp = :grp', { grp });

  async function walk(
    query: () => SelectQueryBuilder<KeysetRow>,
    first: number,
    order?: KeysetOrder,
  ): Promise<Walked[]> {
    return walkPages((afterId) => keysetPage(query(), { first, afterId }, order));
  }

  async function walkPages(
    read: (afterId: string | undefined) => Promise<Page<KeysetRow>>,
  ): Promise<Walked[]> {
    const pages: Walked[] = [];
    let afterId: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await read(afterId);
      pages.push({
        ids: page.items.map((row) => row.id),
        totalCount: await page.totalCount(),
        hasNextPage: page.hasNextPage,
      });
      if (!page.hasNextPage) return pages;
      afterId = page.items.at(-1)!.id;
    }
    throw new Error('the walk never ended');
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource({
      ...buildDataSourceOptions({ url: database.url, poolSize: 2, logger: statements }),
      entities: [KeysetRow],
    }).initialize();
    await dataSource.query(`CREATE TABLE keyset_rows (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      grp VARCHAR(10) NOT NULL,
      ranked_at DATETIME(3) NULL
    )`);
    await dataSource.query('CREATE TABLE keyset_tags (row_id BIGINT UNSIGNED NOT NULL)');
    // Group a: ranks with ties, so the id has to break them; group b only pads the table.
    const ranks = [3, 1, 2, 1, 3, 2, 1];
    for (const [i, rank] of ranks.entries()) {
      for (const grp of ['a', 'b'] as const) {
        if (grp === 'b' && i % 2) continue;
        const { id } = await dataSource.getRepository(KeysetRow).save({
          grp,
          rankedAt: new Date(Date.UTC(2026, 0, rank, 8, 0, 0, 123)),
        });
        ids[grp].push(id);
        rankOf.set(id, rank);
      }
    }
    await dataSource.query('INSERT INTO keyset_tags (row_id) VALUES (?), (?), (?)', [
      ids.a[1],
      ids.a[2],
      ids.a[5],
    ]);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('pages up the ids, counting the whole filtered list on every page', async () => {
    const a = ids.a;
    expect(await walk(() => rowsOf('a'), 3)).toEqual([
      { ids: a.slice(0, 3), totalCount: 7, hasNextPage: true },
      { ids: a.slice(3, 6), totalCount: 7, hasNextPage: true },
      { ids: a.slice(6), totalCount: 7, hasNextPage: false },
    ]);
  });

  it('says there is no next page when the last page is exactly full', async () => {
    const b = ids.b;
    expect(b).toHaveLength(4);
    expect(await walk(() => rowsOf('b'), 2)).toEqual([
      { ids: b.slice(0, 2), totalCount: 4, hasNextPage: true },
      { ids: b.slice(2), totalCount: 4, hasNextPage: false },
    ]);
  });

  it('pages down the ids, newest first', async () => {
    const down = [...ids.a].reverse();
    const pages = await walk(() => rowsOf('a'), 4, { direction: 'DESC' });
    expect(pages).toEqual([
      { ids: down.slice(0, 4), totalCount: 7, hasNextPage: true },
      { ids: down.slice(4), totalCount: 7, hasNextPage: false },
    ]);
  });

  it.each(['ASC', 'DESC'] as const)(
    'orders by another column %s with the id breaking ties, each row once',
    async (direction) => {
      const sign = direction === 'ASC' ? 1 : -1;
      const expected = [...ids.a].sort(
        (x, y) => sign * (rankOf.get(x)! - rankOf.get(y)! || Number(x) - Number(y)),
      );
      for (const first of [1, 2, 3]) {
        const pages = await walk(() => rowsOf('a'), first, { direction, by: 'r.ranked_at' });
        expect(pages.flatMap((page) => page.ids)).toEqual(expected);
        expect(pages.map((page) => page.ids.length)).toEqual(
          Array.from({ length: Math.ceil(7 / first) }, (_, i) => Math.min(first, 7 - i * first)),
        );
      }
    },
  );

  it('starts again when the cursor’s row is gone and the order is by another column', async () => {
    const [first] = [...ids.a].sort((x, y) => rankOf.get(x)! - rankOf.get(y)! || +x - +y);
    const page = await keysetPage(
      rowsOf('a'),
      { first: 1, afterId: '999999' },
      { by: 'r.ranked_at' },
    );
    expect(page.items.map((row) => row.id)).toEqual([first]);
  });

  it.each(['ASC', 'DESC'] as const)(
    'pages a list written as SQL (keysetEntities) as it pages the same query builder, %s',
    async (direction) => {
      for (const grp of ['a', 'b']) {
        for (const first of [1, 2, 3, 7]) {
          const bySql = await walkPages((afterId) =>
            keysetEntities(
              dataSource.manager,
              KeysetRow,
              { sql: 'e.grp = ?', params: [grp] },
              { first, afterId },
              { direction },
            ),
          );
          expect(bySql).toEqual(await walk(() => rowsOf(grp), first, { direction }));
        }
      }
    },
  );

  it('reads a page written as SQL in one statement, counting only when asked, once', async () => {
    statements.reset();
    const page = await keysetEntities(
      dataSource.manager,
      KeysetRow,
      { sql: 'e.grp = ?', params: ['a'] },
      { first: 2, afterId: ids.a[0] },
    );
    expect(statements.statements).toBe(1);
    expect(page.items).toEqual([
      Object.assign(new KeysetRow(), { id: ids.a[1], grp: 'a', rankedAt: expect.any(Date) }),
      Object.assign(new KeysetRow(), { id: ids.a[2], grp: 'a', rankedAt: expect.any(Date) }),
    ]);
    expect(page.items[0]).toBeInstanceOf(KeysetRow);
    expect(await page.totalCount()).toBe(7);
    expect(await page.totalCount()).toBe(7);
    expect(statements.statements).toBe(2);
  });

  it('keeps a joined query to one SELECT for the page, limited in SQL', async () => {
    const joined = () => rowsOf('a').innerJoin('keyset_tags', 't', 't.row_id = r.id');
    statements.reset();
    const page = await keysetPage(joined(), { first: 2 });
    // The page alone (TypeORM's take would add a query for the distinct ids); the count only
    // when asked for, once.
    expect(statements.statements).toBe(1);
    expect(await page.totalCount()).toBe(3);
    expect(await page.totalCount()).toBe(3);
    expect(statements.statements).toBe(2);
    expect(page.hasNextPage).toBe(true);
    expect(page.items.map((row) => row.id)).toEqual([ids.a[1], ids.a[2]]);
    const rest = await keysetPage(joined(), { first: 2, afterId: ids.a[2] });
    expect(rest.items.map((row) => row.id)).toEqual([ids.a[5]]);
    expect(rest.hasNextPage).toBe(false);
  });
});

import { SQL_STATEMENT_COUNTER, SqlStatementCounter } from '@app/database';
import { TestApi } from './support/test-api';

const PAGE = `query($first: Int!) {
  venues(first: $first) {
    totalCount
    edges { node { id nameEn subdistrict { id nameZh nameEn } facilities { type count } openingHours { weekday opens } } }
  }
}`;

describe('SQL behind a page of venues', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    // Every call reads the caller's account, so the calls compared send the same statements.
    api = await TestApi.start({ demo: true, env: { AUTH_USER_CACHE_SECONDS: '0' } });
    token = await api.login('admin@demo.local');
    // 60 more venues spread over every subdistrict, so a 50-venue page spans many of them.
    const [template] = await api.dataSource.query('SELECT * FROM venues ORDER BY id LIMIT 1');
    const { id: _id, ...columns } = template;
    for (let i = 0; i < 60; i++) {
      const row = { ...columns, subdistrict_id: String((i % 17) + 1), name_en: `Bulk Venue ${i}` };
      const names = Object.keys(row);
      const result = await api.dataSource.query(
        `INSERT INTO venues (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
        Object.values(row),
      );
      await api.dataSource.query(
        "INSERT INTO venue_facilities (venue_id, type, count) VALUES (?, 'WIFI', 1), (?, 'STAGE', 1)",
        [result.insertId, result.insertId],
      );
      await api.dataSource.query(
        'INSERT INTO venue_opening_hours (venue_id, weekday, opens_minute, closes_minute) VALUES (?, 1, 480, 1080)',
        [result.insertId],
      );
    }
  });

  afterAll(() => api.close());

  async function statementsFor(
    first: number,
  ): Promise<{ statements: number; venues: number; subdistricts: number }> {
    const counter = api.app.get<SqlStatementCounter>(SQL_STATEMENT_COUNTER);
    counter.reset();
    const result = await api.gql(PAGE, { first }, token);
    const statements = counter.statements;
    const nodes = result.data.venues.edges.map((e: any) => e.node);
    return {
      statements,
      venues: nodes.length,
      subdistricts: new Set(nodes.map((n: any) => n.subdistrict.id)).size,
    };
  }

  it('does not grow with the page size (one query per kind of data, not per venue)', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(50);
    expect(small.venues).toBe(5);
    expect(large.venues).toBe(50);
    expect(large.subdistricts).toBeGreaterThan(10);
    expect(large.statements).toBe(small.statements);
    // auth user, count, page, subdistricts, facilities, opening hours
    expect(large.statements).toBeLessThanOrEqual(6);
  });
});

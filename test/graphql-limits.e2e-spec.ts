import { errorCode, TestApi } from './support/test-api';

describe('GraphQL hardening', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await TestApi.start({
      demo: true,
      env: { GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COST: '2000', GRAPHQL_INTROSPECTION: 'false' },
    });
    token = await api.login('admin@demo.local');
  });

  afterAll(() => api.close());

  it('refuses an over-deep query before resolving anything', async () => {
    const deep =
      'query { me { subdistrict { id } } venues { edges { node { subdistrict { id } facilities { type } } } } }';
    expect((await api.gql(deep, {}, token)).errors).toBeUndefined();
    const tooDeep = `query { venues { edges { node { id subdistrict { id } facilities { type } } } } a: venues { edges { node { id } } } }`;
    expect((await api.gql(tooDeep, {}, token)).errors).toBeUndefined();
    const fragments = `
      fragment F on Venue { subdistrict { id } }
      query { venues { edges { node { ... on Venue { ...F } } } } }`;
    const fragmentResult = await api.gql(fragments, {}, token);
    expect(errorCode(fragmentResult)).toBe('QUERY_TOO_DEEP');
    expect(fragmentResult.status).toBe(400);
  });

  it('refuses an over-costly query', async () => {
    const cheap = await api.gql(
      'query { venues(first: 10) { edges { node { id facilities { type } } } } }',
      {},
      token,
    );
    expect(cheap.errors).toBeUndefined();
    const costly = await api.gql(
      'query { a: venues(first: 100) { edges { node { id nameZh nameEn facilities { type count } openingHours { opens closes } } } } b: venues(first: 100) { edges { node { id nameZh nameEn addressZh addressEn } } } c: venues(first: 100) { edges { node { id kind status } } } }',
      {},
      token,
    );
    expect(errorCode(costly)).toBe('QUERY_TOO_COMPLEX');
    expect(costly.errors![0].extensions.maxCost).toBe(2000);
    expect(costly.data).toBeUndefined();
  });

  it('costs one document again for each page size its variables ask for', async () => {
    const query =
      'query($n: Int!) { a: venues(first: $n) { edges { node { id nameZh facilities { type count } openingHours { opens closes } } } } b: venues(first: $n) { edges { node { id nameEn } } } }';
    for (const n of [5, 200, 5, 200]) {
      const result = await api.gql(query, { n }, token);
      if (n === 5) expect(result.errors).toBeUndefined();
      else expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
    }
  });

  it('refuses a query that repeats a field under too many aliases', async () => {
    const aliased = (n: number) =>
      `query { ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect((await api.gql(aliased(30), {}, token)).errors).toBeUndefined();
    const tooMany = await api.gql(aliased(31), {}, token);
    expect(errorCode(tooMany)).toBe('TOO_MANY_ALIASES');
    expect(tooMany.errors![0].extensions.maxAliases).toBe(30);
    expect(tooMany.status).toBe(400);
    expect(tooMany.data).toBeUndefined();
  });

  it('refuses fragments spread over and over, however cheap they look, next to a costly query', async () => {
    const query = `query {
      a: venues(first: 100) { edges { node { id nameZh nameEn facilities { type count } } } }
      b: venues(first: 100) { edges { node { id kind status } } }
      me { ${'...F0 '.repeat(100)} } }
      fragment F0 on User { ${'...F1 '.repeat(100)} }
      fragment F1 on User { id }`;
    const result = await api.gql(query, {}, token);
    expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
  });

  it('answers documents too long to walk safely with 400 and a code, before validating them', async () => {
    let chain = 'query { me { ...F0 } }';
    for (let i = 0; i < 2000; i++)
      chain += ` fragment F${i} on User { ${i < 1999 ? `...F${i + 1}` : 'id'} }`;
    // Two copies of one deep selection, which graphql-js compares level by level.
    const deep = `{ me { ${'x { '.repeat(1000)} id ${'} '.repeat(1000)} } me { ${'x { '.repeat(1000)} id ${'} '.repeat(1000)} } }`;
    for (const query of [chain, deep]) {
      const result = await api.gql(query, {}, token);
      expect(result.status).toBe(400);
      expect(result.errors).toEqual([
        {
          // The demo accounts read Chinese.
          message: '查询超过 2000 个词法单元',
          locations: [expect.any(Object)],
          extensions: { code: 'QUERY_TOO_LARGE', maxTokens: 2000 },
        },
      ]);
    }
  });

  it('does not suggest names where introspection is off, in validation or in variables', async () => {
    const misspelt = await api.gql('query { venus { totalCount } }', {}, token);
    expect(misspelt.errors![0].message).toBe('Cannot query field "venus" on type "Query".');
    const badEnum = await api.gql(
      'mutation($input: [ChannelPreferenceInput!]!) { setNotificationPreferences(input: $input) { channel } }',
      { input: [{ channel: 'EMAL', enabled: true }] },
      token,
    );
    expect(errorCode(badEnum)).toBe('BAD_USER_INPUT');
    expect(badEnum.errors![0].message).toMatch(
      /"EMAL" does not exist in "NotificationChannel" enum\.$/,
    );
  });

  it('answers a call with more than 50 bad variable values as bad input, not an internal error', async () => {
    const result = await api.gql(
      'mutation($input: [ChannelPreferenceInput!]!) { setNotificationPreferences(input: $input) { channel } }',
      { input: Array.from({ length: 60 }, () => ({ channel: 'SMS', enabled: 'yes' })) },
      token,
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors!.map((e) => e.extensions.code)).not.toContain('INTERNAL_SERVER_ERROR');
  });

  it('answers a syntax error and an unknown field with a code and no stack trace', async () => {
    const broken = await api.gql('query { venues { ', {}, token);
    expect(errorCode(broken)).toBe('GRAPHQL_PARSE_FAILED');
    const unknown = await api.gql('query { secrets }', {}, token);
    expect(errorCode(unknown)).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const response of [broken, unknown]) {
      expect(JSON.stringify(response)).not.toMatch(/stacktrace|\.ts:\d+/);
    }
  });

  it('follows the introspection setting', async () => {
    const result = await api.gql('query { __schema { types { name } } }', {}, token);
    expect(errorCode(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0].message).toMatch(/introspection/i);
  });
});

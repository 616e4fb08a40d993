import fc from 'fast-check';
import { activeVenue, EVERY_DAY, nextKey, on, REQUEST } from '../support/booking-fixtures';
import { QIANMEN } from '../support/booking-fixtures';
import { GraphQLResponse, TestApi } from '../support/test-api';
import { count } from './support/figures';
import {
  HOSTILE_BOOLEANS,
  HOSTILE_DATES,
  HOSTILE_ENUMS,
  HOSTILE_FLOATS,
  HOSTILE_IDS,
  HOSTILE_INTS,
  HOSTILE_STRINGS,
} from './support/hostile-values';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261128);
const RUNS_PER_MUTATION = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 40);

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  type: TypeRef;
}
interface SchemaType {
  kind: string;
  name: string;
  enumValues: { name: string }[] | null;
  inputFields: InputValue[] | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INTROSPECT = `{ __schema {
  mutationType { fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } } }
  types { kind name enumValues { name } inputFields { name type { ${TYPE_REF} } } } } }`;

const printType = (t: TypeRef): string =>
  t.kind === 'NON_NULL'
    ? `${printType(t.ofType!)}!`
    : t.kind === 'LIST'
      ? `[${printType(t.ofType!)}]`
      : t.name!;
const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);

/** Which fixture an id argument most plausibly names, by mutation and argument. */
function idKind(mutation: string, arg: string): string {
  if (arg !== 'id') return arg.replace(/Id$/, '');
  const owners: [RegExp, string][] = [
    [/Booking$/, 'booking'],
    [/Venue|Blackout/, 'venue'],
    [/StaffLeave$/, 'leave'],
    [/Assignment$/, 'assignment'],
    [/Notification/, 'notification'],
    [/Webhook$/, 'webhook'],
    [/CalendarFeed$/, 'feed'],
    [/StaffingRequirement$/, 'requirement'],
    [/Staff/, 'staff'],
  ];
  return owners.find(([pattern]) => pattern.test(mutation))?.[1] ?? 'booking';
}

describe('bad input: generated values for every mutation, and raw HTTP abuse', () => {
  let api: TestApi;
  let tokens: Record<string, string>;
  let anchors: Record<string, string>;
  let tables: string[];
  let badInputs = 0;
  let internalErrors = 0;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    const names = ['admin', 'qianmen', 'organizer', 'security', 'officer', 'interpreter'];
    tokens = Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, await api.login(`${n}@demo.local`)])),
    );
    const venue = await activeVenue(
      api,
      { qianmen: tokens.qianmen, admin: tokens.admin },
      { securityLevel: 1, openingHours: EVERY_DAY('00:00', '24:00') },
    );
    const booked = await api.gql(
      REQUEST,
      {
        input: {
          venueId: venue,
          title: 'Anchor event',
          attendees: 30,
          foreignGuests: 4,
          startsAt: on(6, 3, '10:00'),
          endsAt: on(6, 3, '12:00'),
        },
        key: nextKey(),
      },
      tokens.organizer,
    );
    const booking = booked.data.requestBooking.id;
    const [requirement] = (
      await api.gql(
        'query($id: ID!) { staffingRequirements(bookingId: $id) { id } }',
        { id: booking },
        tokens.admin,
      )
    ).data.staffingRequirements;
    const staff = (
      await api.gql(
        '{ staff(filter: { text: "Wang Qiang" }) { edges { node { id } } } }',
        {},
        tokens.admin,
      )
    ).data.staff.edges[0].node.id;
    const assignment = (
      await api.gql(
        'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id } }',
        { r: requirement.id, s: staff },
        tokens.admin,
      )
    ).data.assignStaff.id;
    const leave = (
      await api.gql(
        'mutation($s: ID!, $a: DateTime!, $b: DateTime!) { addStaffLeave(staffId: $s, startsAt: $a, endsAt: $b, reason: "Training") { id } }',
        { s: staff, a: on(9, 1, '00:00'), b: on(9, 2, '00:00') },
        tokens.admin,
      )
    ).data.addStaffLeave.id;
    const webhook = (
      await api.gql(
        'mutation { registerWebhook(input: { url: "https://example.org/hook" }) { endpoint { id } } }',
        {},
        tokens.organizer,
      )
    ).data.registerWebhook.endpoint.id;
    const feed = (await api.gql('mutation { createCalendarFeed { id } }', {}, tokens.organizer))
      .data.createCalendarFeed.id;
    await api.dataSource.query(
      `INSERT INTO notifications (recipient_id, kind, delivery_key, booking_id, critical, needs_acknowledgement,
         subject_zh, subject_en, body_zh, body_en, created_at)
       SELECT id, 'SECURITY_APPROVED', 'fuzz-anchor', ?, 1, 1, '通知', 'Notice', '内容', 'Body', UTC_TIMESTAMP(3)
         FROM users WHERE email = 'security@demo.local'`,
      [booking],
    );
    const [{ id: notification }] = await api.dataSource.query(
      "SELECT id FROM notifications WHERE delivery_key = 'fuzz-anchor'",
    );
    anchors = {
      venue,
      booking,
      requirement: requirement.id,
      staff,
      assignment,
      leave,
      webhook,
      feed,
      notification: String(notification),
      subdistrict: QIANMEN,
    };
    tables = (await api.dataSource.query('SHOW TABLES')).map(
      (row: object) => Object.values(row)[0],
    );
  });

  afterAll(async () => {
    count('badInputs', badInputs);
    count('internalErrors', internalErrors);
    await api?.close();
  });

  /** A checksum of every table: a rejected call must leave it as it was. */
  async function fingerprint(): Promise<string> {
    const rows: { Table: string; Checksum: string }[] = await api.dataSource.query(
      `CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`,
    );
    return rows.map((r) => `${r.Table}:${r.Checksum}`).join(',');
  }

  function arbitraries(types: Map<string, SchemaType>) {
    let emails = 0;
    const plausibleString = (field: string, parent: string): unknown => {
      if (/Language/.test(parent) && field === 'from') return 'zh';
      if (/Language/.test(parent) && field === 'to') return 'en';
      if (/Availability|OpeningHours/.test(parent))
        return field === 'from' || field === 'opens' ? '09:00' : '18:00';
      if (field === 'email') return `fuzz-${++emails}@example.org`;
      if (field === 'password') return 'demo1234';
      if (field === 'url') return 'https://example.org/hook';
      if (field === 'timeZone') return 'Asia/Shanghai';
      if (field === 'idempotencyKey') return nextKey();
      if (field === 'delegationCountries') return 'FR';
      return 'Fuzz text';
    };
    const plausibleDate = (field: string) =>
      ({
        startsAt: on(5, 2, '10:00'),
        endsAt: on(5, 2, '12:00'),
        from: on(5, 1, '00:00'),
        to: on(5, 7, '00:00'),
      })[field] ?? on(5, 2, '10:00');
    const leaf = (plausible: unknown, hostile: unknown[]) =>
      fc.oneof(
        { arbitrary: fc.constant(plausible), weight: 4 },
        { arbitrary: fc.constantFrom(...hostile), weight: 1 },
      );

    const forType = (
      type: TypeRef,
      field: string,
      parent: string,
      mutation: string,
      depth: number,
    ): fc.Arbitrary<unknown> => {
      if (type.kind === 'NON_NULL')
        return fc.oneof(
          { arbitrary: forType(type.ofType!, field, parent, mutation, depth), weight: 19 },
          { arbitrary: fc.constant(null), weight: 1 },
        );
      if (type.kind === 'LIST') {
        const item = forType(type.ofType!, field, parent, mutation, depth + 1);
        return fc.oneof(
          { arbitrary: fc.array(item, { maxLength: 3 }), weight: 8 },
          { arbitrary: fc.constant(null), weight: 1 },
          { arbitrary: fc.array(item, { minLength: 200, maxLength: 200 }), weight: 1 },
        );
      }
      const schemaType = types.get(type.name!)!;
      if (schemaType.kind === 'ENUM') {
        const values = schemaType.enumValues!.map((v) => v.name);
        return fc.oneof(
          { arbitrary: fc.constantFrom(...values), weight: 4 },
          { arbitrary: fc.constantFrom(...HOSTILE_ENUMS(values[0])), weight: 1 },
        );
      }
      if (schemaType.kind === 'INPUT_OBJECT') {
        if (depth > 3) return fc.constant({});
        const fields = schemaType.inputFields!;
        const model = Object.fromEntries(
          fields.map((f) => [
            f.name,
            forType(f.type, f.name, schemaType.name, mutation, depth + 1),
          ]),
        );
        const required = fields.filter((f) => f.type.kind === 'NON_NULL').map((f) => f.name);
        return fc.oneof(
          { arbitrary: fc.record(model, { requiredKeys: required }).map(warpTimeRange), weight: 8 },
          { arbitrary: fc.constantFrom({}, 'not an object', [1, 2]), weight: 1 },
          { arbitrary: fc.record(model).map((v) => ({ ...v, notAField: 1 })), weight: 1 },
        );
      }
      switch (type.name) {
        case 'String':
          return leaf(plausibleString(field, parent), HOSTILE_STRINGS);
        case 'Int':
          return leaf(field === 'attendees' ? 20 : field === 'weekday' ? 2 : 1, HOSTILE_INTS);
        case 'Float':
          return leaf(1, HOSTILE_FLOATS);
        case 'Boolean':
          return leaf(true, HOSTILE_BOOLEANS);
        case 'ID':
          return leaf(anchors[idKind(mutation, field)] ?? anchors.booking, [
            ...HOSTILE_IDS,
            ...Object.values(anchors), // foreign ids: the right shape, the wrong thing
          ]);
        case 'DateTime':
          return leaf(plausibleDate(field), HOSTILE_DATES);
        default:
          return fc.constant(null);
      }
    };
    return forType;
  }

  /** Sometimes turns a valid time range inside out: inverted, empty, far past or far future. */
  function warpTimeRange(value: Record<string, unknown>): Record<string, unknown> {
    const [a, b] = 'startsAt' in value ? ['startsAt', 'endsAt'] : ['from', 'to'];
    if (typeof value[a] !== 'string' || typeof value[b] !== 'string') return value;
    const roll = Math.abs(JSON.stringify(value).length) % 6;
    if (roll === 0) return { ...value, [a]: value[b], [b]: value[a] };
    if (roll === 1) return { ...value, [b]: value[a] };
    if (roll === 2)
      return { ...value, [a]: '2001-01-01T10:00:00+08:00', [b]: '2001-01-01T12:00:00+08:00' };
    if (roll === 3)
      return { ...value, [a]: '2200-01-01T10:00:00+08:00', [b]: '2200-01-01T12:00:00+08:00' };
    return value;
  }

  it('answers every generated call to every mutation with a typed error or a success, and a refused one writes nothing', async () => {
    const schema = (await api.gql(INTROSPECT, {}, tokens.admin)).data.__schema;
    const types = new Map<string, SchemaType>(schema.types.map((t: SchemaType) => [t.name, t]));
    const forType = arbitraries(types);
    const actors = Object.values(tokens);
    const problems: string[] = [];
    const outcomes = new Map<string, number>();

    for (const [index, mutation] of (
      schema.mutationType.fields as { name: string; args: InputValue[]; type: TypeRef }[]
    ).entries()) {
      const declared = mutation.args.map((a) => `$${a.name}: ${printType(a.type)}`).join(', ');
      const passed = mutation.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const returns = types.get(named(mutation.type).name!)!;
      const selection = returns.kind === 'OBJECT' ? '{ __typename }' : '';
      const document = `mutation${declared ? `(${declared})` : ''} { ${mutation.name}${passed ? `(${passed})` : ''} ${selection} }`;
      const model = Object.fromEntries(
        mutation.args.map((a) => [a.name, forType(a.type, a.name, 'Mutation', mutation.name, 0)]),
      );
      const samples = fc.sample(fc.record(model).map(warpTimeRange), {
        numRuns: RUNS_PER_MUTATION,
        seed: SEED + index,
      });
      for (const [run, variables] of samples.entries()) {
        const token = actors[(index + run) % actors.length];
        const before = await fingerprint();
        const response: GraphQLResponse = await api.gql(document, variables, token);
        badInputs++;
        const codes = (response.errors ?? []).map((e) => e.extensions?.code ?? 'NO CODE');
        for (const code of codes) outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
        if (!codes.length) outcomes.set('success', (outcomes.get('success') ?? 0) + 1);
        const what = `${mutation.name} ${JSON.stringify(variables).slice(0, 300)}`;
        if (response.status >= 500) problems.push(`HTTP ${response.status}: ${what}`);
        if (codes.includes('INTERNAL_SERVER_ERROR')) {
          internalErrors++;
          const message = response.errors!.find(
            (e) => e.extensions.code === 'INTERNAL_SERVER_ERROR',
          )!.message;
          problems.push(`internal error (${message}): ${what}`);
        }
        if (codes.includes('NO CODE')) problems.push(`error without a code: ${what}`);
        const refused = codes.length > 0 && !response.data?.[mutation.name];
        if (refused && (await fingerprint()) !== before)
          problems.push(`refused but wrote: ${what}`);
      }
    }
    process.stdout.write(
      `generated calls by outcome: ${JSON.stringify(Object.fromEntries(outcomes))}\n`,
    );
    expect(problems).toEqual([]);
    expect(outcomes.get('success')).toBeGreaterThan(0); // the generator does reach the resolvers
  });

  it('survives raw HTTP abuse without a server error, and still answers afterwards', async () => {
    const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokens.admin}`,
          ...headers,
        },
        body,
      });
    const cases: [string, () => Promise<Response>][] = [
      ['malformed JSON', () => post('{"query": "{ me { id } "')],
      ['JSON that is not an object', () => post('"query"')],
      [
        'a batched array',
        () => post(JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }])),
      ],
      [
        'an oversized body',
        () => post(JSON.stringify({ query: `{ me { id } } #${'x'.repeat(400_000)}` })),
      ],
      ['invalid UTF-8', () => post(Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d]))],
      ['no query', () => post(JSON.stringify({ variables: {} }))],
      [
        'variables not an object',
        () => post(JSON.stringify({ query: '{ me { id } }', variables: [1] })),
      ],
      [
        'deeply nested braces',
        () => post(JSON.stringify({ query: `{ me ${'{ id '.repeat(5000)}${'}'.repeat(5000)} }` })),
      ],
      [
        'a very wide selection',
        () => post(JSON.stringify({ query: `{ me { ${'id '.repeat(20_000)} } }` })),
      ],
      [
        'aliases repeating one field',
        () =>
          post(
            JSON.stringify({
              query: `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`,
            }),
          ),
      ],
      [
        'a fragment cycle',
        () =>
          post(
            JSON.stringify({
              query: 'fragment A on User { ...B } fragment B on User { ...A } { me { ...A } }',
            }),
          ),
      ],
      [
        'text/plain (a cross-site form)',
        () =>
          post(
            JSON.stringify({
              query: 'mutation { setNotificationPreferences(input: []) { channel } }',
            }),
            { 'content-type': 'text/plain' },
          ),
      ],
      [
        'a mutation over GET',
        () =>
          fetch(
            `${api.url}/graphql?query=${encodeURIComponent('mutation { setNotificationPreferences(input: []) { channel } }')}`,
            {
              headers: { authorization: `Bearer ${tokens.admin}`, 'apollo-require-preflight': '1' },
            },
          ),
      ],
      [
        'a header-less bearer',
        () => post(JSON.stringify({ query: '{ me { id } }' }), { authorization: 'Bearer' }),
      ],
      [
        'a huge authorization header',
        () =>
          post(JSON.stringify({ query: '{ me { id } }' }), {
            authorization: `Bearer ${'a'.repeat(8000)}`,
          }),
      ],
    ];
    const statuses: Record<string, number> = {};
    for (const [name, send] of cases) {
      const before = await fingerprint();
      const response = await send();
      statuses[name] = response.status;
      const text = await response.text();
      badInputs++;
      if (response.status >= 500 || /INTERNAL_SERVER_ERROR/.test(text)) internalErrors++;
      expect({
        name,
        status: response.status < 500,
        stack: /\.ts:\d+|at \w+ \(/.test(text),
      }).toEqual({
        name,
        status: true,
        stack: false,
      });
      expect(await fingerprint()).toBe(before);
    }
    process.stdout.write(`HTTP abuse statuses: ${JSON.stringify(statuses)}\n`);
    expect((await api.gql('{ me { id } }', {}, tokens.admin)).errors).toBeUndefined();
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
  });
});

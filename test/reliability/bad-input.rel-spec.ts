import fc from 'fast-check';
import { encodeCursor } from '@app/database';
import { activeVenue, EVERY_DAY, nextKey, on, REQUEST } from '../support/booking-fixtures';
import { QIANMEN } from '../support/booking-fixtures';
import { TestApi } from '../support/test-api';
import { count } from './support/figures';
import {
  HOSTILE_BOOLEANS,
  HOSTILE_DATES,
  HOSTILE_ENUMS,
  HOSTILE_FLOATS,
  HOSTILE_IDS,
  HOSTILE_INTS,
  HOSTILE_STRINGS,
  textOfLength,
} from './support/hostile-values';
import {
  describePath,
  INTROSPECT,
  names,
  Operation,
  operationsOf,
  Path,
  positionsOf,
  SchemaType,
  TypeRef,
  valueAt,
  withValueAt,
} from './support/operations';
import { WsCaller } from './support/ws-caller';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261128);
const RUNS_PER_OPERATION = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 40);
/** Over WebSocket, a quarter as many generated calls: the targeted cases all go over it too. */
const WS_RUNS_PER_OPERATION = Math.ceil(RUNS_PER_OPERATION / 4);

/** Which fixture an id argument most plausibly names, by operation and argument. */
function idKind(operation: string, arg: string): string {
  if (arg !== 'id') return arg.replace(/Id$/, '');
  const owners: [RegExp, string][] = [
    [/Booking$|^booking$/, 'booking'],
    [/Venue|Blackout|^venue$/, 'venue'],
    [/StaffLeave$/, 'leave'],
    [/Assignment$/, 'assignment'],
    [/Notification/, 'notification'],
    [/Webhook$/, 'webhook'],
    [/CalendarFeed$/, 'feed'],
    [/StaffingRequirement$/, 'requirement'],
    [/Staff/, 'staff'],
  ];
  return owners.find(([pattern]) => pattern.test(operation))?.[1] ?? 'booking';
}

type Transport = 'HTTP' | 'WebSocket';

/** One answer, over either transport. */
interface Outcome {
  codes: string[];
  /** The operation's field came back (a success, or a partial one). */
  answered: boolean;
  /** A WebSocket refusal of the whole operation (an `error` message). */
  refused: boolean;
  /** What went wrong below GraphQL: a 5xx, a closed socket. */
  broken?: string;
  fields: unknown[];
  messages: string[];
}

const GATE_CODES = ['FORBIDDEN', 'UNAUTHENTICATED', 'RATE_LIMITED'];

describe('bad input: every query and mutation over HTTP and WebSocket, and raw HTTP abuse', () => {
  let api: TestApi;
  let ws: WsCaller;
  let tokens: Record<string, string>;
  let anchors: Record<string, string>;
  let tables: string[];
  let operations: Operation[];
  let types: Map<string, SchemaType>;
  let badInputs = 0;
  let badInputsWebSocket = 0;
  let internalErrors = 0;
  let nullInputs = 0;
  let overLongInputs = 0;
  let limitBypasses = 0;
  /** WebSocket answers with the operation's data, and with coded errors only (refusals included). */
  const wsAnswers = { data: 0, codedErrors: 0 };

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    ws = new WsCaller(api.url);
    const people = ['admin', 'qianmen', 'organizer', 'security', 'officer', 'interpreter'];
    tokens = Object.fromEntries(
      await Promise.all(people.map(async (n) => [n, await api.login(`${n}@demo.local`)])),
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
    ({ operations, types } = operationsOf(
      (await api.gql(INTROSPECT, {}, tokens.admin)).data.__schema,
    ));
  });

  afterAll(async () => {
    count('badInputs', badInputs);
    count('badInputsWebSocket', badInputsWebSocket);
    count('nullInputs', nullInputs);
    count('overLongInputs', overLongInputs);
    count('internalErrors', internalErrors);
    count('limitBypasses', limitBypasses);
    await ws?.close();
    await api?.close();
  });

  /** A checksum of every table: a refused call, and any query, must leave it as it was. */
  async function fingerprint(): Promise<string> {
    const rows: { Table: string; Checksum: string }[] = await api.dataSource.query(
      `CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`,
    );
    return rows.map((r) => `${r.Table}:${r.Checksum}`).join(',');
  }

  let emails = 0;
  /** A value each leaf would plausibly have, so that calls reach the resolvers. */
  function plausibleString(field: string, parent: string): string {
    if (/Language/.test(parent) && field === 'from') return 'zh';
    if (/Language/.test(parent) && field === 'to') return 'en';
    if (/OpeningHours|WeeklyAvailability/.test(parent))
      return field === 'opens' || field === 'from' ? '09:00' : '18:00';
    if (field === 'language') return 'en';
    if (/email$/i.test(field)) return `fuzz-${++emails}@example.org`;
    if (/phone$/i.test(field)) return '+86 10 6702 0000';
    if (field === 'password') return 'demo1234';
    if (field === 'url') return 'https://example.org/hook';
    if (field === 'timeZone') return 'Asia/Shanghai';
    if (field === 'idempotencyKey') return nextKey();
    if (field === 'delegationCountries') return 'FR';
    if (field === 'after') return encodeCursor(anchors.venue);
    return 'Fuzz text';
  }
  const plausibleInt = (field: string) =>
    field === 'attendees' ? 20 : field === 'weekday' ? 2 : /Minutes$/.test(field) ? 60 : 1;
  const plausibleDate = (field: string) =>
    ({
      startsAt: on(5, 2, '10:00'),
      endsAt: on(5, 2, '12:00'),
      from: on(5, 1, '00:00'),
      to: on(5, 7, '00:00'),
    })[field] ?? on(5, 2, '10:00');
  const plausibleId = (operation: string, field: string) =>
    anchors[idKind(operation, field)] ?? anchors.booking;
  /** An introspected default value (a GraphQL literal) as a variable's value. */
  const fromLiteral = (literal: string) => {
    try {
      return JSON.parse(literal);
    } catch {
      return literal; // an enum value
    }
  };

  /** Every argument and input field given a plausible value (the optional ones too), one item a list. */
  function plausible(
    type: TypeRef,
    field: string,
    parent: string,
    operation: string,
    depth: number,
  ): unknown {
    if (type.kind === 'NON_NULL') return plausible(type.ofType!, field, parent, operation, depth);
    if (type.kind === 'LIST')
      return depth > 3 ? [] : [plausible(type.ofType!, field, parent, operation, depth + 1)];
    const schemaType = types.get(type.name!)!;
    if (schemaType.kind === 'ENUM') return schemaType.enumValues![0].name;
    if (schemaType.kind === 'INPUT_OBJECT')
      return depth > 3
        ? {}
        : Object.fromEntries(
            schemaType.inputFields!.map((f) => [
              f.name,
              f.defaultValue !== null
                ? fromLiteral(f.defaultValue)
                : plausible(f.type, f.name, schemaType.name, operation, depth + 1),
            ]),
          );
    switch (type.name) {
      case 'String':
        return plausibleString(field, parent);
      case 'Int':
        return plausibleInt(field);
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'ID':
        return plausibleId(operation, field);
      case 'DateTime':
        return plausibleDate(field);
      default:
        return null;
    }
  }

  const baseOf = (operation: Operation) =>
    Object.fromEntries(
      operation.args.map((a) => [
        a.name,
        a.defaultValue !== null
          ? fromLiteral(a.defaultValue)
          : plausible(a.type, a.name, operation.kind, operation.name, 0),
      ]),
    );

  /** Mostly plausible values, now and then a hostile one, by the GraphQL type. */
  function arbitrary(
    type: TypeRef,
    field: string,
    parent: string,
    operation: string,
    depth: number,
  ): fc.Arbitrary<unknown> {
    const leaf = (hostile: unknown[]) =>
      fc.oneof(
        {
          arbitrary: fc.constant(null).map(() => plausible(type, field, parent, operation, depth)),
          weight: 4,
        },
        { arbitrary: fc.constantFrom(...hostile), weight: 1 },
      );
    if (type.kind === 'NON_NULL')
      return fc.oneof(
        { arbitrary: arbitrary(type.ofType!, field, parent, operation, depth), weight: 19 },
        { arbitrary: fc.constant(null), weight: 1 },
      );
    if (type.kind === 'LIST') {
      const item = arbitrary(type.ofType!, field, parent, operation, depth + 1);
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
          arbitrary(f.type, f.name, schemaType.name, operation, depth + 1),
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
        return leaf(HOSTILE_STRINGS);
      case 'Int':
        return leaf(HOSTILE_INTS);
      case 'Float':
        return leaf(HOSTILE_FLOATS);
      case 'Boolean':
        return leaf(HOSTILE_BOOLEANS);
      case 'ID':
        // Foreign ids too: the right shape, the wrong thing.
        return leaf([...HOSTILE_IDS, ...Object.values(anchors)]);
      case 'DateTime':
        return leaf(HOSTILE_DATES);
      default:
        return fc.constant(null);
    }
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

  function samplesOf(operation: Operation, runs: number, seed: number) {
    const model = Object.fromEntries(
      operation.args.map((a) => [
        a.name,
        arbitrary(a.type, a.name, operation.kind, operation.name, 0),
      ]),
    );
    return fc.sample(fc.record(model).map(warpTimeRange), { numRuns: runs, seed });
  }

  async function send(
    transport: Transport,
    operation: Operation,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<Outcome> {
    if (transport === 'HTTP') {
      badInputs++;
      const response = await api.gql(operation.document, variables, token);
      return {
        codes: (response.errors ?? []).map((e) => e.extensions?.code ?? 'NO CODE'),
        answered: response.data?.[operation.name] != null,
        refused: false,
        broken: response.status >= 500 ? `HTTP ${response.status}` : undefined,
        fields: (response.errors ?? []).map((e) => e.extensions?.field),
        messages: (response.errors ?? []).map((e) => e.message),
      };
    }
    badInputsWebSocket++;
    const answer = await ws.call(operation.document, variables, token);
    if (answer.kind === 'closed')
      return {
        codes: [],
        answered: false,
        refused: false,
        broken: answer.reason,
        fields: [],
        messages: [],
      };
    const errors = answer.errors ?? [];
    const outcome: Outcome = {
      codes: errors.map((e) => e.extensions?.code ?? 'NO CODE'),
      answered: answer.kind === 'result' && answer.data?.[operation.name] != null,
      // An `error` message, or a result without data: refused before anything ran.
      refused: answer.kind === 'refused' || answer.data === undefined,
      fields: errors.map((e) => e.extensions?.field),
      messages: errors.map((e) => e.message),
    };
    if (outcome.answered) wsAnswers.data++;
    else if (outcome.codes.length) wsAnswers.codedErrors++;
    return outcome;
  }

  /**
   * Sends one call and checks what must hold of every answer: no 5xx or closed socket, every
   * error coded and none internal, nothing written by a refused call or by a query, and no text
   * past its limit accepted. What does not hold goes into `problems`.
   */
  async function checked(
    transport: Transport,
    operation: Operation,
    variables: Record<string, unknown>,
    token: string,
    problems: string[],
    overLongAt?: Path,
  ): Promise<Outcome> {
    const before = await fingerprint();
    const outcome = await send(transport, operation, variables, token);
    const what = `${transport} ${operation.name} ${JSON.stringify(variables).slice(0, 300)}`;
    if (outcome.broken) problems.push(`${outcome.broken}, no coded error: ${what}`);
    if (outcome.codes.includes('INTERNAL_SERVER_ERROR')) {
      internalErrors++;
      const message = outcome.messages[outcome.codes.indexOf('INTERNAL_SERVER_ERROR')];
      problems.push(`internal error (${message}): ${what}`);
    }
    if (outcome.codes.includes('NO CODE')) problems.push(`error without a code: ${what}`);
    const refused = outcome.codes.length > 0 && !outcome.answered;
    if ((refused || operation.kind === 'query') && (await fingerprint()) !== before)
      problems.push(`${refused ? 'refused' : 'a query'} but wrote: ${what}`);
    if (overLongAt && (outcome.answered || (!outcome.codes.length && !outcome.broken))) {
      limitBypasses++;
      problems.push(
        `accepted a text past its limit at ${describePath(operation, overLongAt)}: ${what}`,
      );
    }
    return outcome;
  }

  const reached = (outcome: Outcome) =>
    !outcome.refused && !outcome.broken && !outcome.codes.some((c) => GATE_CODES.includes(c));
  const refusedNaming = (outcome: Outcome, path: Path) =>
    outcome.codes.some((code, i) => code === 'BAD_USER_INPUT' && names(outcome.fields[i], path));

  interface TargetedCase {
    kind: 'base' | 'null' | 'over-long' | 'at the limit';
    path?: Path;
    variables: Record<string, unknown>;
  }

  /**
   * The targeted cases of an operation, from its plausible call: that call, null in each optional
   * place, and each text one past its stated limit and at it. Texts without a stated limit are
   * returned apart.
   */
  function targetedCases(operation: Operation): { cases: TargetedCase[]; unlimited: Path[] } {
    const base = baseOf(operation);
    const cases: TargetedCase[] = [{ kind: 'base', variables: base }];
    const unlimited: Path[] = [];
    for (const position of positionsOf(operation, types, base)) {
      const { path } = position;
      if (position.nullable)
        cases.push({ kind: 'null', path, variables: withValueAt(base, path, null) });
      if (!position.text) continue;
      const { limit } = position.text;
      if (limit === undefined) {
        unlimited.push(path);
        continue;
      }
      const plausibleText = valueAt(base, path);
      cases.push(
        {
          kind: 'over-long',
          path,
          variables: withValueAt(base, path, textOfLength(plausibleText, limit + 1)),
        },
        {
          kind: 'at the limit',
          path,
          variables: withValueAt(base, path, textOfLength(plausibleText, limit)),
        },
      );
    }
    return { cases, unlimited };
  }

  /**
   * Runs one targeted case as each role in turn until one gets past the role and sign-in gates:
   * an over-long text must then be refused naming it (over HTTP; a WebSocket may refuse the whole
   * operation), and a null that is refused naming its place must be refused the same way when
   * left out.
   */
  async function runTargeted(
    transport: Transport,
    operation: Operation,
    testCase: TargetedCase,
    problems: string[],
  ): Promise<void> {
    const { kind, path, variables } = testCase;
    if (kind === 'null') nullInputs++;
    if (kind === 'over-long') overLongInputs++;
    let refusedAtPath = false;
    for (const token of Object.values(tokens)) {
      const outcome = await checked(
        transport,
        operation,
        variables,
        token,
        problems,
        kind === 'over-long' ? path : undefined,
      );
      if (kind === 'over-long' && refusedNaming(outcome, path!)) refusedAtPath = true;
      if (outcome.refused) return; // the transport refuses the operation itself, whoever asks
      if (!reached(outcome)) continue;
      if (kind === 'null' && transport === 'HTTP' && refusedNaming(outcome, path!)) {
        const absent = await checked(
          transport,
          operation,
          withValueAt(variables, path!, undefined),
          token,
          problems,
        );
        if (!refusedNaming(absent, path!))
          problems.push(
            `null at ${describePath(operation, path!)} is refused (${outcome.messages.join('; ')}) where leaving it out is not`,
          );
      }
      break;
    }
    if (kind === 'over-long' && transport === 'HTTP' && !refusedAtPath)
      problems.push(
        `no role got a text past its limit at ${describePath(operation, path!)} refused naming it`,
      );
  }

  it('answers generated calls to every query and mutation over HTTP with a typed error or a success, and a refused one writes nothing', async () => {
    const actors = Object.values(tokens);
    const problems: string[] = [];
    const outcomes = new Map<string, number>();
    for (const [index, operation] of operations.entries()) {
      for (const [run, variables] of samplesOf(
        operation,
        RUNS_PER_OPERATION,
        SEED + index,
      ).entries()) {
        const outcome = await checked(
          'HTTP',
          operation,
          variables,
          actors[(index + run) % actors.length],
          problems,
        );
        for (const code of outcome.codes) outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
        if (!outcome.codes.length) outcomes.set('success', (outcomes.get('success') ?? 0) + 1);
      }
    }
    process.stdout.write(
      `generated calls over HTTP by outcome: ${JSON.stringify(Object.fromEntries(outcomes))}\n`,
    );
    expect(problems).toEqual([]);
    expect(outcomes.get('success')).toBeGreaterThan(0); // the generator does reach the resolvers
  });

  it('states a limit for every text, refuses one character more naming the field, and takes null as left out, over HTTP', async () => {
    const problems: string[] = [];
    const tally = { base: 0, null: 0, 'over-long': 0, 'at the limit': 0 };
    for (const operation of operations) {
      const { cases, unlimited } = targetedCases(operation);
      for (const path of unlimited)
        problems.push(`no limit stated for the text at ${describePath(operation, path)}`);
      for (const testCase of cases) {
        tally[testCase.kind]++;
        await runTargeted('HTTP', operation, testCase, problems);
      }
    }
    process.stdout.write(`targeted cases over HTTP: ${JSON.stringify(tally)}\n`);
    expect(problems).toEqual([]);
    expect(tally['over-long']).toBeGreaterThan(50); // the schema's limits were found
  });

  it('answers every query and mutation over WebSocket with data or a coded refusal, never an internal error, a bare close or a text past its limit', async () => {
    const actors = Object.values(tokens);
    const problems: string[] = [];
    for (const [index, operation] of operations.entries()) {
      for (const testCase of targetedCases(operation).cases)
        await runTargeted('WebSocket', operation, testCase, problems);
      for (const [run, variables] of samplesOf(
        operation,
        WS_RUNS_PER_OPERATION,
        SEED - index,
      ).entries())
        await checked(
          'WebSocket',
          operation,
          variables,
          actors[(index + run) % actors.length],
          problems,
        );
    }
    process.stdout.write(
      `over WebSocket: ${badInputsWebSocket} calls, ${wsAnswers.data} answered with data, ${wsAnswers.codedErrors} with coded errors only\n`,
    );
    expect(problems).toEqual([]);
    expect(badInputsWebSocket).toBeGreaterThan(operations.length);
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

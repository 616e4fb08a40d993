import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { SQL_STATEMENT_COUNTER, SqlStatementCounter } from '@app/database';
import { activeVenue, nextKey, on, REQUEST } from './support/booking-fixtures';
import { TestApi } from './support/test-api';

/**
 * Reads never write: every query of the schema, as every role, with plausible arguments and a
 * selection that reaches every object field a few levels down (field resolvers included), sends
 * no INSERT, UPDATE, DELETE or REPLACE to the database, however it answers.
 */
const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;
const SELECTION_DEPTH = 3;

describe('GraphQL queries', () => {
  let api: TestApi;
  let schema: GraphQLSchema;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    schema = buildSchema(readFileSync(join(__dirname, '../apps/api/schema.gql'), 'utf8'));
    for (const [role, email] of Object.entries({
      admin: 'admin@demo.local',
      qianmen: 'qianmen@demo.local',
      organizer: 'organizer@demo.local',
      security: 'security@demo.local',
      interpreter: 'interpreter@demo.local',
      officer: 'officer@demo.local',
    }))
      tokens[role] = await api.login(email);
    // Something to read: an approved foreign-related booking with its requirements.
    ids.venue = await activeVenue(
      api,
      { qianmen: tokens.qianmen, admin: tokens.admin },
      { requiresApproval: false, securityLevel: 3 },
    );
    const booked = await api.gql(
      REQUEST,
      {
        input: {
          venueId: ids.venue,
          startsAt: on(3, 3, '10:00'),
          endsAt: on(3, 3, '12:00'),
          title: 'Read-only probe',
          attendees: 40,
          foreignGuests: 10,
          delegationCountries: ['FR'],
          interpretation: [{ from: 'zh', to: 'fr', mode: 'CONSECUTIVE' }],
        },
        key: nextKey(),
      },
      tokens.organizer,
    );
    ids.booking = booked.data.requestBooking.id;
    ids.subdistrict = '11';
  });

  afterAll(() => api.close());

  it('write nothing, for any role', async () => {
    const counter = api.app.get<SqlStatementCounter>(SQL_STATEMENT_COUNTER);
    const queryType = schema.getQueryType()!;
    const fields = Object.values(queryType.getFields());
    expect(fields.length).toBeGreaterThan(10);
    const calls = [
      ...fields.map((field) => ({ name: field.name, query: fieldCall(field) })),
      // A search that finds nothing is counted as unmet demand: not by the query itself.
      {
        name: 'availableVenues',
        query: `availableVenues(input: { startsAt: "${on(3, 3, '10:00')}", endsAt: "${on(3, 3, '12:00')}", attendees: 100000 }) { totalCount }`,
      },
    ];
    const written: string[] = [];
    const refused = new Map<string, number>();
    let answered = 0;
    for (const { name, query } of calls) {
      for (const [role, token] of Object.entries(tokens)) {
        const recorded: string[] = [];
        counter.recorded = recorded;
        const response = await api.gql(`query { ${query} }`, {}, token);
        for (const error of response.errors ?? []) {
          const code = `${name} ${error.extensions.code}`;
          refused.set(code, (refused.get(code) ?? 0) + 1);
        }
        // Work a resolver starts without waiting for it would land just after the answer.
        await new Promise((resolve) => setTimeout(resolve, 50));
        counter.recorded = null;
        if (response.data?.[name] !== undefined && response.data[name] !== null) answered++;
        for (const sql of recorded.filter((statement) => WRITE.test(statement)))
          written.push(`${name} as ${role}: ${sql.slice(0, 120)}`);
      }
    }
    expect(written).toEqual([]);
    // Refusals by role are expected; a malformed probe (BAD_USER_INPUT, GRAPHQL_VALIDATION_FAILED)
    // would hide what it should have read.
    expect([...refused.keys()].filter((code) => !/FORBIDDEN|NOT_FOUND/.test(code))).toEqual([]);
    // The probe asked real questions: most fields answered for some role.
    expect(answered).toBeGreaterThan(fields.length);
  });

  /** `name(args) { selection }` with plausible arguments. */
  function fieldCall(field: GraphQLField<unknown, unknown>, depth = 0): string {
    const args = field.args
      .map((arg) => [arg.name, argumentValue(arg, field.name)] as const)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name}: ${value}`);
    const call = args.length ? `${field.name}(${args.join(', ')})` : field.name;
    const type = getNamedType(field.type);
    if (isLeafType(type)) return call;
    return `${call} { ${selection(type, depth + 1).join(' ')} }`;
  }

  function selection(type: GraphQLNamedType, depth: number): string[] {
    if (!isObjectType(type)) return ['__typename'];
    const picked = Object.values(type.getFields()).flatMap((child) => {
      const childType = getNamedType(child.type);
      if (child.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined))
        return [];
      if (isLeafType(childType)) return [child.name];
      if (depth >= SELECTION_DEPTH) return [];
      return [fieldCall(child, depth)];
    });
    return picked.length ? picked : ['__typename'];
  }

  function argumentValue(arg: GraphQLArgument, fieldName: string): string | undefined {
    if (!isNonNullType(arg.type) && !/^(from|to)$/.test(arg.name)) return undefined;
    return literal(arg.type, arg.name, fieldName);
  }

  function literal(type: GraphQLInputType, name: string, fieldName: string): string {
    if (isNonNullType(type)) return literal(type.ofType, name, fieldName);
    if (isListType(type)) return `[${literal(type.ofType, name, fieldName)}]`;
    if (isEnumType(type)) return type.getValues()[0].name;
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).filter(
        (input) => isNonNullType(input.type) && input.defaultValue === undefined,
      );
      return `{ ${fields.map((input) => `${input.name}: ${literal(input.type, input.name, fieldName)}`).join(', ')} }`;
    }
    switch (type.name) {
      case 'ID':
        if (/booking/i.test(name) || (name === 'id' && /booking/i.test(fieldName)))
          return `"${ids.booking}"`;
        if (/subdistrict/i.test(name)) return `"${ids.subdistrict}"`;
        return `"${ids.venue}"`;
      case 'DateTime':
        return `"${{ from: on(3, 1, '00:00'), to: on(4, 1, '00:00'), startsAt: on(3, 3, '10:00'), endsAt: on(3, 3, '12:00') }[name] ?? on(3, 3, '10:00')}"`;
      case 'Int':
        return name === 'attendees' ? '20' : name === 'first' ? '5' : '1';
      case 'Boolean':
        return 'false';
      default:
        return '"zh"';
    }
  }
});

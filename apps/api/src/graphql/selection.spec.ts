import {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLResolveInfo,
  Kind,
  OperationDefinitionNode,
  parse,
} from 'graphql';
import { selects } from './selection';

/** The info graphql-js gives the operation's first field, for a document. */
function infoOf(document: string): GraphQLResolveInfo {
  const definitions = parse(document).definitions;
  const operation = definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const field = operation.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [field], fragments } as unknown as GraphQLResolveInfo;
}

const VENUE = ['edges', 'node', 'venue'];

describe('selects', () => {
  it('finds a field selected along the path, under an alias too', () => {
    expect(selects(infoOf('{ bookings { edges { node { id venue { id } } } } }'), VENUE)).toBe(
      true,
    );
    expect(selects(infoOf('{ bookings { edges { n: node { v: venue { id } } } } }'), VENUE)).toBe(
      true,
    );
  });

  it('finds it through fragment spreads and inline fragments', () => {
    const spread = `{ bookings { ...page } }
      fragment page on BookingConnection { edges { node { ...place } } }
      fragment place on Booking { venue { nameEn } }`;
    expect(selects(infoOf(spread), VENUE)).toBe(true);
    const inline =
      '{ bookings { edges { ... on BookingEdge { node { ... { venue { id } } } } } } }';
    expect(selects(infoOf(inline), VENUE)).toBe(true);
  });

  it('does not find what is not selected, or selected elsewhere', () => {
    expect(selects(infoOf('{ bookings { edges { node { id } } } }'), VENUE)).toBe(false);
    expect(
      selects(infoOf('{ bookings { edges { node { pendingChange { venue { id } } } } } }'), VENUE),
    ).toBe(false);
    expect(selects(infoOf('{ bookings { totalCount } }'), VENUE)).toBe(false);
  });
});

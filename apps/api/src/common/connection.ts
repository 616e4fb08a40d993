import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt } from 'class-validator';
import { decodeCursor, encodeCursor, Page, PageRequest } from '@app/database';
import { apiMessages } from './api.messages';
import { TextField } from './text';
import { ApiInputError } from '../graphql/error-codes';

@ObjectType('PageInfo')
export class PageInfoType {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfoType;
  /** Read (and so counted) only when the field is selected. */
  readonly totalCount: Promise<number>;
}

/** A Relay-style connection type for the given node type: `edges { node cursor }`, `pageInfo`, `totalCount`. */
export function ConnectionOf<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => node)
    node: T;

    @Field()
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { isAbstract: false })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfoType)
    pageInfo: PageInfoType;

    @Field(() => Int, { description: 'The whole list, counted only when asked for' })
    totalCount: Promise<number>;
  }
  return ConnectionType;
}

export function toConnection<E extends { id: string }, T>(
  page: Page<E>,
  map: (entity: E) => T,
): Connection<T> {
  const edges = page.items.map((item) => ({ node: map(item), cursor: encodeCursor(item.id) }));
  return {
    edges,
    // A getter: GraphQL reads it only for a selected field, and only then is the list counted.
    get totalCount() {
      return page.totalCount();
    },
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/**
 * The paging arguments of every connection field. Their range is checked by pageRequest against
 * the configured page size; the class-validator marks only let them through the whitelist.
 */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20 })
  @IsInt()
  first: number = 20;

  @TextField(100, { nullable: true, description: 'A cursor from an earlier page' })
  after?: string | null;
}

/** Checks `first` and `after` of a connection field. */
export function pageRequest({ first, after }: ConnectionArgs, maxPageSize: number): PageRequest {
  if (!Number.isInteger(first) || first < 1 || first > maxPageSize) {
    throw new ApiInputError('first', apiMessages.firstOutOfRange(maxPageSize));
  }
  if (after === null || after === undefined) return { first };
  const afterId = decodeCursor(after);
  if (!afterId) throw new ApiInputError('after', apiMessages.notACursor());
  return { first, afterId };
}

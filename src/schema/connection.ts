import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page of a connection ends, and whether more follow.' })
export class PageInfo {
  @Field({ description: 'True when another page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last edge; pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}

export type { ConnectionShape, Edge } from '../services/pagination';

/**
 * A Relay connection type for `Item`, written once: `XxxConnection` and
 * `XxxEdge` with the contract's field names.
 */
export function Connection<T extends object>(Item: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this edge, for `after`.' })
    cursor!: string;

    @Field(() => Item, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s.` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The page, in order.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Whether more follow, and where to continue.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: `How many ${what}s match, across all pages.` })
    totalCount!: number;
  }
  return ConnectionType;
}

/** `first`/`after` of a connection field, 20 to a page unless asked otherwise. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: 20,
    description: 'Page size, 0..100; null means the default.',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue after.' })
  after?: string | null;
}

/** The same for log-like lists (run logs, skipped records), 50 to a page. */
@ArgsType()
export class LongPageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: 50,
    description: 'Page size, 0..100; null means the default.',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue after.' })
  after?: string | null;
}

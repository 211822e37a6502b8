import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';

/** ISO-8601 instant, always UTC on output. TS `Date` maps here by default. */
export const DateTimeScalar = DateTimeResolver;
/** Calendar date, YYYY-MM-DD. */
export const DateScalar = DateResolver;
/** Arbitrary JSON value. */
export const JSONScalar = JSONResolver;

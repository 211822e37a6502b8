import { getMetadataStorage } from 'type-graphql';

type MiddlewareMetadata = Parameters<
  ReturnType<typeof getMetadataStorage>['collectMiddlewareMetadata']
>[0];
/** A decorated class, as type-graphql's metadata names it. */
type Target = MiddlewareMetadata['target'];

/**
 * Runs `middlewares` (in this order, after the @Authorized check, before the
 * field's own) on every mutation and on every field that takes arguments,
 * instead of on every field as type-graphql's `globalMiddlewares` would.
 *
 * A global middleware makes each of the thousands of fields of a page (an
 * `id`, a `status`) an async call through type-graphql's middleware chain:
 * two promises or more per field, about half of a page of connectors'
 * CPU. Ours (audit of mutations, argument size limits) do nothing on a field
 * that is not a mutation and has no arguments, so leaving those fields
 * without them changes no answer: they resolve synchronously, as plain
 * properties. Call before `buildSchema`; calling it again adds nothing twice.
 */
export function useOnMutationsAndFieldsWithArguments(
  middlewares: MiddlewareMetadata['middlewares'],
): void {
  const storage = getMetadataStorage();
  const fields = new Map<Target, Set<string>>();
  const add = (target: Target, name: string) => {
    const names = fields.get(target) ?? new Set<string>();
    names.add(name);
    fields.set(target, names);
  };
  for (const mutation of storage.mutations) add(mutation.target, mutation.methodName);
  for (const param of storage.params) {
    // @Arg, @Args, and custom parameter decorators that read an argument.
    if (
      param.kind === 'arg' ||
      param.kind === 'args' ||
      (param.kind === 'custom' && param.options.arg)
    ) {
      add(param.target, param.methodName);
    }
  }
  const already = (target: Target, fieldName: string) =>
    storage.middlewares.some(
      (entry) =>
        entry.target === target &&
        entry.fieldName === fieldName &&
        entry.middlewares.length === middlewares.length &&
        entry.middlewares.every((middleware, i) => middleware === middlewares[i]),
    );
  for (const [target, names] of fields) {
    for (const fieldName of names) {
      if (!already(target, fieldName)) {
        storage.collectMiddlewareMetadata({ target, fieldName, middlewares });
      }
    }
  }
}

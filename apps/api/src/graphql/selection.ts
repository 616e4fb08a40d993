import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * Whether the operation selects `path` below the field being resolved, through fragments too.
 * @skip and @include are not evaluated: a field they may leave out counts as selected.
 */
export function selects(info: GraphQLResolveInfo, path: string[]): boolean {
  const within = (set: SelectionSetNode | undefined, [name, ...rest]: string[]): boolean =>
    !!set &&
    set.selections.some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return (
            selection.name.value === name && (!rest.length || within(selection.selectionSet, rest))
          );
        case Kind.INLINE_FRAGMENT:
          return within(selection.selectionSet, [name, ...rest]);
        case Kind.FRAGMENT_SPREAD:
          return within(info.fragments[selection.name.value]?.selectionSet, [name, ...rest]);
      }
    });
  return info.fieldNodes.some((node) => within(node.selectionSet, path));
}

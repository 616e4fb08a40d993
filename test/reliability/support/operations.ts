import { LIMIT_IN_DESCRIPTION } from '../../../apps/api/src/common/text';

/** The schema as introspection gives it: every query and mutation, and every input type. */
export interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
export interface InputValue {
  name: string;
  description: string | null;
  defaultValue: string | null;
  type: TypeRef;
}
export interface SchemaType {
  kind: string;
  name: string;
  enumValues: { name: string }[] | null;
  inputFields: InputValue[] | null;
}
interface RootField {
  name: string;
  args: InputValue[];
  type: TypeRef;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INPUT_VALUE = `name description defaultValue type { ${TYPE_REF} }`;
const ROOT_FIELDS = `fields { name args { ${INPUT_VALUE} } type { ${TYPE_REF} } }`;
export const INTROSPECT = `{ __schema {
  queryType { ${ROOT_FIELDS} }
  mutationType { ${ROOT_FIELDS} }
  types { kind name enumValues { name } inputFields { ${INPUT_VALUE} } } } }`;

export interface Operation {
  kind: 'query' | 'mutation';
  name: string;
  args: InputValue[];
  /** The operation with every argument as a variable of its own name. */
  document: string;
}

const printType = (t: TypeRef): string =>
  t.kind === 'NON_NULL'
    ? `${printType(t.ofType!)}!`
    : t.kind === 'LIST'
      ? `[${printType(t.ofType!)}]`
      : t.name!;
const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);

export function operationsOf(schema: {
  queryType: { fields: RootField[] };
  mutationType: { fields: RootField[] };
  types: SchemaType[];
}): { operations: Operation[]; types: Map<string, SchemaType> } {
  const types = new Map(schema.types.map((t) => [t.name, t]));
  const operations = (['query', 'mutation'] as const).flatMap((kind) =>
    schema[`${kind}Type`].fields.map((field) => {
      const declared = field.args.map((a) => `$${a.name}: ${printType(a.type)}`).join(', ');
      const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const selection =
        types.get(named(field.type).name!)!.kind === 'OBJECT' ? '{ __typename }' : '';
      const document = `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection} }`;
      return { kind, name: field.name, args: field.args, document };
    }),
  );
  return { operations, types };
}

/** The limit the schema states for a text, from the field's or argument's description. */
export function limitOf(value: InputValue): number | undefined {
  const found = value.description?.match(LIMIT_IN_DESCRIPTION);
  return found ? Number(found[1]) : undefined;
}

export type Path = (string | number)[];

/** A place in an operation's variables, with what the schema says of it. */
export interface Position {
  path: Path;
  nullable: boolean;
  /** Set for a String (or an item of a list of String). */
  text?: { limit: number | undefined };
}

/**
 * Every place in `variables` (built with every optional field given, so that each is reached):
 * each argument, each input field at any depth, the first item of each list.
 */
export function positionsOf(
  operation: Operation,
  types: Map<string, SchemaType>,
  variables: Record<string, unknown>,
): Position[] {
  const found: Position[] = [];
  const walk = (type: TypeRef, value: unknown, path: Path, holder: InputValue): void => {
    const nullable = type.kind !== 'NON_NULL';
    const inner = nullable ? type : type.ofType!;
    if (inner.kind === 'LIST') {
      found.push({ path, nullable });
      if (Array.isArray(value) && value.length) walk(inner.ofType!, value[0], [...path, 0], holder);
      return;
    }
    const schemaType = types.get(inner.name!)!;
    if (schemaType.kind === 'INPUT_OBJECT') {
      found.push({ path, nullable });
      if (value && typeof value === 'object')
        for (const field of schemaType.inputFields!)
          walk(
            field.type,
            (value as Record<string, unknown>)[field.name],
            [...path, field.name],
            field,
          );
      return;
    }
    found.push(
      inner.name === 'String'
        ? { path, nullable, text: { limit: limitOf(holder) } }
        : { path, nullable },
    );
  };
  for (const arg of operation.args) walk(arg.type, variables[arg.name], [arg.name], arg);
  return found;
}

/** A copy of `variables` with the value at `path` replaced (or, for undefined, left out). */
export function withValueAt(
  variables: Record<string, unknown>,
  path: Path,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(variables);
  let holder: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete holder[last];
  else holder[last] = value;
  return copy;
}

export function valueAt(variables: Record<string, unknown>, path: Path): unknown {
  return path.reduce<unknown>(
    (value, step) => (value as Record<string, unknown>)?.[step],
    variables,
  );
}

/** `a.b[0].c` without list indices, as `a.b.c`, to compare with a BAD_USER_INPUT's field. */
const withoutIndices = (field: string) => field.replace(/\[\d+\]/g, '');

/** Whether an error's `extensions.field` names this place: its path inside the argument, or the argument. */
export function names(field: unknown, path: Path): boolean {
  if (typeof field !== 'string') return false;
  const steps = path.filter((step) => typeof step === 'string');
  const inside = steps.length > 1 ? steps.slice(1).join('.') : steps.join('.');
  return [inside, steps.join('.'), steps.at(-1)].includes(withoutIndices(field));
}

export const describePath = (operation: Operation, path: Path) =>
  `${operation.name}(${path.map((step) => (typeof step === 'number' ? `[${step}]` : step)).join('.')})`;

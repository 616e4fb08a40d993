import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * INSERT and SELECT of whole entities from their TypeORM mapping, with the SQL text made once
 * per entity. For the statements a booking runs under its venue lock, where TypeORM's query
 * building cost more CPU than the database spent running them. Values go through the driver's
 * own conversions (transformers, dates, booleans), so rows read and written here are the same
 * as through a repository.
 */
interface EntitySql {
  /** The columns read: all but those mapped `select: false` (a password hash). */
  columns: ColumnRead[];
  /** The auto-increment id, set on a row inserted alone. */
  generated: ColumnMetadata | undefined;
  insertColumns: ColumnMetadata[];
  insertInto: string;
  valuesRow: string;
  selectList: string;
  from: string;
}

/**
 * A column read into its entity. `asRead`: a plain property whose value the driver keeps as read
 * (no transformer; a string or integer type), so it is set without TypeORM's per-value calls,
 * which cost more than the rest of reading a page of rows.
 */
interface ColumnRead {
  column: ColumnMetadata;
  asRead: boolean;
}

/** Column types whose values MysqlDriver.prepareHydratedValue returns unchanged. */
const AS_READ_TYPES = new Set(['varchar', 'char', 'text', 'int', 'bigint', 'tinyint', 'smallint']);

const built = new WeakMap<EntityMetadata, EntitySql>();

const quoted = (name: string) => `\`${name}\``;

function sqlOf(metadata: EntityMetadata): EntitySql {
  let sql = built.get(metadata);
  if (!sql) {
    const generated = metadata.columns.find(
      (c) => c.isGenerated && c.generationStrategy === 'increment',
    );
    const insertColumns = metadata.columns.filter((c) => c !== generated);
    const columns = metadata.columns.filter((c) => c.isSelect);
    const reads = columns.map((column) => ({
      column,
      asRead:
        !column.transformer &&
        !column.embeddedMetadata &&
        !column.isVirtual &&
        typeof column.type === 'string' &&
        AS_READ_TYPES.has(column.type),
    }));
    sql = {
      columns: reads,
      generated,
      insertColumns,
      insertInto: `INSERT INTO ${quoted(metadata.tableName)} (${insertColumns
        .map((c) => quoted(c.databaseName))
        .join(', ')}) VALUES `,
      valuesRow: `(${insertColumns.map(() => '?').join(', ')})`,
      selectList: columns
        .map((c) => `e.${quoted(c.databaseName)} AS ${quoted(c.databaseName)}`)
        .join(', '),
      from: `${quoted(metadata.tableName)} e`,
    };
    built.set(metadata, sql);
  }
  return sql;
}

/** One multi-row INSERT; a row inserted alone gets its generated id. */
export async function insertEntities<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Promise<void> {
  if (!rows.length) return;
  const { driver } = manager.connection;
  const sql = sqlOf(manager.connection.getMetadata(target));
  const params = rows.flatMap((row) =>
    sql.insertColumns.map(
      (column): unknown =>
        driver.preparePersistentValue(column.getEntityValue(row), column) as unknown,
    ),
  );
  const result: { insertId?: number | string } = await manager.query(
    sql.insertInto + rows.map(() => sql.valuesRow).join(', '),
    params,
  );
  if (rows.length === 1 && sql.generated && result.insertId !== undefined)
    sql.generated.setEntityValue(rows[0], String(result.insertId));
}

/** A piece of SQL with the values of its `?` placeholders, in order. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** A value of a JSON column or expression: the driver parses those it knows to be JSON. */
export function jsonColumn<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A DATETIME as MariaDB writes it into JSON ('2026-12-01 09:30:00.000'), in UTC as stored. */
export function jsonDateTime(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`);
}

/**
 * Whole entities of the table (aliased `e`) matching `where` (which may go on with ORDER BY and
 * LIMIT), each with the `extra` computed columns (name → SQL, which may use `e`) as read.
 */
export async function selectEntities<T extends ObjectLiteral, X extends string = never>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: SqlFragment,
  extra: Record<X, SqlFragment> = {} as Record<X, SqlFragment>,
): Promise<{ entity: T; extra: Record<X, unknown> }[]> {
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(target);
  const sql = sqlOf(metadata);
  const extraNames = Object.keys(extra) as X[];
  const extraList = extraNames.map((name) => `, ${extra[name].sql} AS ${quoted(name)}`).join('');
  const rows: Record<string, unknown>[] = await manager.query(
    `SELECT ${sql.selectList}${extraList} FROM ${sql.from} WHERE ${where.sql}`,
    [...extraNames.flatMap((name) => extra[name].params), ...where.params],
  );
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const { column, asRead } of sql.columns) {
      const value = row[column.databaseName];
      if (asRead) (entity as Record<string, unknown>)[column.propertyName] = value;
      else column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    const values = {} as Record<X, unknown>;
    for (const name of extraNames) values[name] = row[name];
    return { entity, extra: values };
  });
}

import { isValidId } from './ids';

/** A page of a keyset-paginated list, before it becomes a GraphQL connection. */
export interface Page<T> {
  items: T[];
  totalCount: number;
  hasNextPage: boolean;
}

export interface PageRequest {
  first: number;
  /** The id of the last item of the previous page, decoded from the cursor. */
  afterId?: string;
}

const CURSOR_PREFIX = 'id:';

export function encodeCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');
}

/** Returns the id inside a cursor, or null when the cursor is not one of ours. */
export function decodeCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) return null;
  const id = text.slice(CURSOR_PREFIX.length);
  return isValidId(id) ? id : null;
}

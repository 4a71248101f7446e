/** The contract between the built-in engine's core and each osquery table it implements. */

export type CellValue = string | number | bigint | null;
/** Keyed by column name; a column left out is NULL (osqueryi prints ""). */
export type TableRow = Record<string, CellValue>;

export type ColumnType = 'TEXT' | 'INTEGER' | 'BIGINT' | 'DOUBLE';

export interface Column {
  name: string;
  type: ColumnType;
  /** Left out of `SELECT *`, still selectable by name. */
  hidden?: boolean;
  /** osquery marks it required: without a constraint on one required column the table refuses. */
  required?: boolean;
}

/** A constraint the statement puts on one of this table's columns. Hints only: SQLite re-applies the WHERE. */
export interface Constraint {
  column: string;
  op: '=' | 'LIKE' | 'IN';
  /** Literal values (for IN, every listed value). */
  values: string[];
}

export interface TableContext {
  /** "/" on a live host, or the mount point of a dead-box image (--root). */
  root: string;
  /** False when triaging a mounted image: live-only tables refuse. */
  live: boolean;
  /** Constraints on this table's columns found in the statement (possibly empty). */
  constraints: Constraint[];
  /** Map an absolute path of the triaged system to the path to read on this machine. */
  hostPath(path: string): string;
}

export interface TableSpec {
  name: string;
  /** Spec order, as osquery's `SELECT *` returns them (hidden ones left out of `*`). */
  columns: Column[];
  /** Reads kernel state (/proc, sockets): refused when triaging a mounted image. */
  liveOnly: boolean;
  generate(ctx: TableContext): Promise<TableRow[]>;
}

/** A failure a table reports in osquery's words (e.g. a required column without constraint). */
export class TableError extends Error {
  override name = 'TableError';
}

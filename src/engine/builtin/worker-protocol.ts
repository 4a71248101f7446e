/** Messages between the engine and its worker thread. */
import type { StatementResult } from './run-statement.js';

export interface WorkerRequest {
  id: number;
  sql: string;
  root: string | undefined;
}

export interface WorkerReply {
  id: number;
  result: StatementResult;
}

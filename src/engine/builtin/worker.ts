/** Worker-thread entry: runs statements sent by the engine, one at a time, and posts each result back. */
import { parentPort } from 'node:worker_threads';
import { executeStatement } from './executor.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('the built-in engine worker must run in a worker thread');

port.on('message', (request: WorkerRequest) => {
  void executeStatement(request.sql, { root: request.root }).then(
    (result) => port.postMessage({ id: request.id, result } satisfies WorkerReply),
    (err: unknown) =>
      port.postMessage({
        id: request.id,
        result: { status: 'error', columns: [], rows: [], built: [], error: `internal error: ${err instanceof Error ? err.message : String(err)}` },
      } satisfies WorkerReply),
  );
});

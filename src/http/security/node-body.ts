import type { IncomingMessage } from 'node:http';

// Reads a request body straight from Node's IncomingMessage, never through a Web stream.
//
// Why not `request.body` (srvx wraps the IncomingMessage with Node's `Readable.toWeb`): once
// that web stream is cancelled at a size cap, chunks Node had already buffered are still pushed
// into the closed controller, and `TypeError [ERR_INVALID_STATE]: Controller is already closed`
// is thrown from a stream callback, where nothing can catch it: the process exits (nodejs/node
// #64529, still open). h3's `assertBodySize`/`bodyLimit` and srvx's `limitBodyStream` cancel that
// same stream, so they crash the same way. Here, going over the cap removes our listeners and
// pauses the socket: no late chunk has anywhere to go, and the 413 (Connection: close) ends it.

export type NodeBodyOutcome =
  | { kind: 'read'; bytes: Buffer }
  | { kind: 'too_large' }
  | { kind: 'client_gone'; cause?: unknown };

/** The Node request behind a srvx Request (`request.runtime.node.req`), if there is one. */
export function findNodeRequest(request: Request): IncomingMessage | undefined {
  const runtime = (request as { runtime?: { node?: { req?: IncomingMessage } } }).runtime;
  return runtime?.node?.req;
}

/** Reads at most `limit` bytes; stops (without draining) as soon as the body goes over. */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<NodeBodyOutcome> {
  // A request whose client left before we started has nothing left to read.
  if (req.destroyed && !req.complete) return Promise.resolve({ kind: 'client_gone' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = (outcome: NodeBodyOutcome) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        req.pause();
        settle({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => settle({ kind: 'read', bytes: Buffer.concat(chunks, total) });
    const onError = (cause: unknown) => settle({ kind: 'client_gone', cause });
    // 'close' before 'end' means the connection went away mid-body (Node emits 'end' first otherwise).
    const onClose = () =>
      settle(req.complete ? { kind: 'read', bytes: Buffer.concat(chunks, total) } : { kind: 'client_gone' });
    // A socket error after we stopped listening must still have a listener, or Node would throw it.
    req.on('error', () => undefined);
    req.on('data', onData).once('end', onEnd).once('error', onError).once('close', onClose);
  });
}

import { ZdlError } from '../../errors.js';
import { findNodeRequest, readNodeBody } from './node-body.js';

// Reads a form-encoded POST body from a Web Request with a hard size cap (h3 v2 has no default limit).
// Errors are ZdlErrors of kind 'invalid' whose `details.status` is the HTTP status to answer with
// (413, 415, or 499 when the client hung up mid-body), so the HTTP edge maps them to the French error page without depending on h3 here.

export const MAX_BODY_BYTES = 16 * 1024;

const FORM_TYPE = 'application/x-www-form-urlencoded';

function tooLarge(limit: number): ZdlError {
  return new ZdlError('BODY_TOO_LARGE', 'invalid', 'Requête trop volumineuse.', { details: { status: 413, limit } });
}

/** The client hung up before its body arrived: nobody reads the answer; the log says so. */
function clientGone(cause?: unknown): ZdlError {
  return new ZdlError('CLIENT_GONE', 'invalid', 'Connexion fermée par le client avant la fin de la requête.', {
    cause,
    details: { status: 499 },
  });
}

/** True when the Content-Type's media type (parameters such as charset ignored) is form-encoded. */
function isFormContentType(contentType: string | null | undefined): boolean {
  const mediaType = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return mediaType === FORM_TYPE;
}

/**
 * Reads at most `limit` bytes from a Web stream (requests built in-process, e.g. `app.request()`);
 * cancels it and throws 413 as soon as it goes over. Never used for a live Node request: see
 * node-body.ts for why cancelling srvx's stream would crash the process.
 */
async function readLimitedBytes(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop reading: a client announcing a small (or no) Content-Length cannot stream past the cap.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
  const nodeRequest = findNodeRequest(request);
  if (nodeRequest) {
    const outcome = await readNodeBody(nodeRequest, limit);
    if (outcome.kind === 'too_large') throw tooLarge(limit);
    if (outcome.kind === 'client_gone') throw clientGone(outcome.cause);
    return outcome.bytes;
  }
  return request.body ? readLimitedBytes(request.body, limit) : new Uint8Array(0);
}

/**
 * Parses an application/x-www-form-urlencoded body into a record of the first value per key.
 * Throws ZdlError UNSUPPORTED_MEDIA_TYPE (status 415) for any other content type and BODY_TOO_LARGE
 * (status 413) when Content-Length or the streamed bytes exceed `limit`.
 */
export async function readFormBody(request: Request, limit = MAX_BODY_BYTES): Promise<Record<string, string>> {
  if (!isFormContentType(request.headers.get('content-type'))) {
    throw new ZdlError('UNSUPPORTED_MEDIA_TYPE', 'invalid', 'Format de requête non pris en charge.', {
      details: { status: 415 },
    });
  }
  // Cheap early refusal; the streamed count below is what actually enforces the limit.
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);

  const bytes = await readBodyBytes(request, limit);
  const text = new TextDecoder('utf-8').decode(bytes);
  // Null prototype: a field named "__proto__" or "constructor" stays plain data.
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of new URLSearchParams(text)) {
    if (!(key in fields)) fields[key] = value;
  }
  return fields;
}

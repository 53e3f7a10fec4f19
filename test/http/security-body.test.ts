import { describe, expect, it } from 'vitest';
import { type ErrorCode, isZdlError } from '../../src/errors.js';
import { MAX_BODY_BYTES, readFormBody } from '../../src/http/security/body.js';

const FORM = 'application/x-www-form-urlencoded';

/** A request whose body is a real stream of `chunks` chunks of `size` bytes, without Content-Length. */
function streamingRequest(
  chunks: number,
  size: number,
  contentType = FORM,
): { request: Request; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new TextEncoder().encode('a'.repeat(size)));
    },
  });
  const request = new Request('http://localhost/activate', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: stream,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  return { request, pulled: () => pulled };
}

async function expectStatus(promise: Promise<unknown>, code: ErrorCode, status: number): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isZdlError(error, code)).toBe(true);
  if (isZdlError(error)) {
    expect(error.kind).toBe('invalid');
    expect(error.details).toMatchObject({ status });
  }
}

describe('readFormBody', () => {
  it('limits bodies to 16 KiB', () => {
    expect(MAX_BODY_BYTES).toBe(16 * 1024);
  });

  it('parses a form body, first value per key, UTF-8', async () => {
    const request = new Request('http://localhost/activate', {
      method: 'POST',
      headers: { 'content-type': `${FORM}; charset=UTF-8` },
      body: 'code=ZDL-ABC&email=l%C3%A9a%40exemple.fr&password=a+b%26c&code=second&__proto__=x',
    });
    const fields = await readFormBody(request);
    expect(Object.keys(fields)).toEqual(['code', 'email', 'password', '__proto__']);
    expect([fields.code, fields.email, fields.password]).toEqual(['ZDL-ABC', 'léa@exemple.fr', 'a b&c']);
    // A "__proto__" field stays data, not a prototype.
    expect(Object.entries(fields)).toContainEqual(['__proto__', 'x']);
    expect(Object.getPrototypeOf(fields)).toBeNull();
  });

  it('accepts a body of exactly the limit and an empty body', async () => {
    const body = `a=${'x'.repeat(MAX_BODY_BYTES - 2)}`;
    const fields = await readFormBody(
      new Request('http://localhost/', { method: 'POST', headers: { 'content-type': FORM }, body }),
    );
    expect(fields.a).toHaveLength(MAX_BODY_BYTES - 2);
    expect({
      ...(await readFormBody(new Request('http://localhost/', { method: 'POST', headers: { 'content-type': FORM } }))),
    }).toEqual({});
  });

  it('refuses a declared Content-Length over the limit before reading (413)', async () => {
    const { request, pulled } = streamingRequest(1, 10);
    request.headers.set('content-length', String(MAX_BODY_BYTES + 1));
    await expectStatus(readFormBody(request), 'BODY_TOO_LARGE', 413);
    expect(pulled()).toBeLessThanOrEqual(1); // a stream may pre-pull one chunk; nothing was consumed
  });

  it('stops a streamed body without Content-Length as soon as it passes the limit (413)', async () => {
    const { request, pulled } = streamingRequest(1000, 1024); // ~1 MB offered
    await expectStatus(readFormBody(request), 'BODY_TOO_LARGE', 413);
    expect(pulled()).toBeLessThan(20);
  });

  it('enforces the limit while streaming even when Content-Length lies', async () => {
    const { request } = streamingRequest(40, 1024);
    request.headers.set('content-length', '10');
    await expectStatus(readFormBody(request), 'BODY_TOO_LARGE', 413);
  });

  it.each([
    null,
    'application/json',
    'multipart/form-data; boundary=x',
    'text/plain',
    'application/x-www-form-urlencodedx',
  ])('refuses content type %s (415)', async (contentType) => {
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    const request = new Request('http://localhost/', { method: 'POST', headers, body: 'a=b' });
    if (!contentType) request.headers.delete('content-type'); // a string body defaults to text/plain
    await expectStatus(readFormBody(request), 'UNSUPPORTED_MEDIA_TYPE', 415);
  });
});

import type { H3Event } from 'h3';
import type { z } from 'zod';
import { readFormBody } from './security/body.js';

// Forms are parsed at the edge: the body (form-encoded, 16 KiB at most) into strings, then a zod
// schema into typed values or French messages keyed by field, ready for the views.

export type FieldErrors = Record<string, string | undefined>;

export function readForm(event: H3Event): Promise<Record<string, string>> {
  // srvx's request is a Web Request (streamed body, headers); readFormBody needs nothing else.
  return readFormBody(event.req as Request);
}

/** The first message per field, as the views show one error next to each field. */
function toFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function parseForm<T>(schema: z.ZodType<T>, fields: Record<string, string>): Parsed<T> {
  const result = schema.safeParse(fields);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: toFieldErrors(result.error) };
}

// A whole column as one parameter: a PostgreSQL array literal, cast in the statement
// (`${textArray(names)}::text[]`). postgres.js would need the array types' OIDs (fetch_types,
// off on the embedded database) to serialize a JavaScript array; a literal is plain text, the
// same on a server, on PGlite and behind a transaction pooler.

const SPECIAL = /[\\"]/g;

/** `{"a","b",NULL}`: every element quoted, backslashes and quotes escaped. */
export function textArray(values: readonly (string | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : `"${value.replace(SPECIAL, '\\$&')}"`)).join(',')}}`;
}

/** `{1,2,3}` */
export function intArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

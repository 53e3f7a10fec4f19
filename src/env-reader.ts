// Reads environment variables one by one, collecting every problem so that one error can list
// them all. Written out rather than with zod: zod's ~100 modules cost more to load than Node
// itself takes to start, and every command reads its configuration first (README, Performance).

import { ZdlError } from './errors.js';

export type Env = Record<string, string | undefined>;

export interface EnvIssue {
  variable: string;
  message: string;
}

/** Thrown by a value parser: the value is refused for this reason. */
export class Refused extends Error {}

export interface EnvReader {
  /**
   * The variable's parsed value; unset or blank gives `fallback`. A refused value is recorded
   * (see `issues`) and gives `fallback` too, so that reading goes on to the next variable.
   */
  read<T>(variable: string, parse: (value: string) => T, fallback: T): T;
  readonly issues: EnvIssue[];
}

/**
 * The one error for a bad configuration: a line per problem, and the variables in its details.
 * `variables` only when a line names them otherwise (« A / B : définissez les deux »).
 */
export function invalidConfig(issues: EnvIssue[], variables = issues.map((issue) => issue.variable)): ZdlError {
  const lines = issues.map((issue) => `  ${issue.variable} : ${issue.message}`);
  return new ZdlError('INVALID_CONFIG', 'usage', `Configuration invalide :\n${lines.join('\n')}`, {
    details: { variables },
  });
}

export function createEnvReader(env: Env): EnvReader {
  const issues: EnvIssue[] = [];
  return {
    issues,
    read(variable, parse, fallback) {
      const value = env[variable];
      if (value === undefined || value.trim() === '') return fallback;
      try {
        return parse(value);
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        issues.push({ variable, message: error.message });
        return fallback;
      }
    },
  };
}

export const asText = (value: string): string => value;

/** `1 0 true false yes no`, the spellings people use in .env files. */
export function asBoolean(value: string): boolean {
  if (['1', 'true', 'yes'].includes(value)) return true;
  if (['0', 'false', 'no'].includes(value)) return false;
  throw new Refused('attendu : 1, 0, true, false, yes ou no');
}

/** A complete http(s) URL (WHATWG parser, as browsers and fetch read it). */
export function asHttpUrl(message: string) {
  return (value: string): string => {
    let url: URL;
    try {
      url = new URL(value.trim());
    } catch {
      throw new Refused(message);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') throw new Refused(message);
    return value.trim();
  };
}

/** A duration written `10s` (1 to 9999 seconds, or 0 to 9999 with `zero`), in milliseconds. */
export function asSeconds(
  value: string,
  { zero = false, expected = 'attendu : une durée en secondes, par exemple 10s' } = {},
): number {
  if (!(zero ? /^\d{1,4}s$/ : /^[1-9]\d{0,3}s$/).test(value)) throw new Refused(expected);
  return Number(value.slice(0, -1)) * 1000;
}

export function atLeast(length: number, message: string) {
  return (value: string): string => {
    if (value.length < length) throw new Refused(message);
    return value;
  };
}

export function matching(pattern: RegExp, message: string) {
  return (value: string): string => {
    if (!pattern.test(value)) throw new Refused(message);
    return value;
  };
}

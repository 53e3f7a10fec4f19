// Links are built from ZDL_PUBLIC_URL (never from a request's Host header) and carry the secret
// in the query string, which the server drops from its request logs.

import { PAGE_PATHS } from '../../page-paths.js';

function buildLink(publicUrl: string, pathname: string, param: string, value: string): string {
  const url = new URL(`${publicUrl.replace(/\/+$/, '')}${pathname}`);
  url.search = `?${param}=${encodeURIComponent(value)}`;
  return url.toString();
}

export function buildActivationUrl(publicUrl: string, code: string): string {
  return buildLink(publicUrl, PAGE_PATHS.activate, 'code', code);
}

export function buildResetUrl(publicUrl: string, token: string): string {
  return buildLink(publicUrl, PAGE_PATHS.resetPassword, 'token', token);
}

export function buildConfirmEmailUrl(publicUrl: string, token: string): string {
  return buildLink(publicUrl, PAGE_PATHS.confirmEmail, 'token', token);
}

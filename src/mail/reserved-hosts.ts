// Host names no e-mail recipient can reach: this machine, or names reserved so that they never
// resolve on the Internet (RFC 2606 and RFC 6761: .test, .example, .invalid, .localhost and the
// example.com/.net/.org domains). `zdl.invalid`, the default sender, is one on purpose.

const RESERVED_SUFFIXES = ['test', 'example', 'invalid', 'localhost', 'example.com', 'example.net', 'example.org'];

/** `host` as URL.hostname writes it (IPv6 in brackets), lower case, without a trailing dot. */
function normalise(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

/** This machine: localhost, 127.0.0.0/8, ::1, and the "any address" 0.0.0.0 / :: (never a link). */
export function isLoopbackHost(host: string): boolean {
  const name = normalise(host);
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(name) ||
    name === '0.0.0.0' ||
    name === '[::1]' ||
    name === '[::]' ||
    name === '[::ffff:127.0.0.1]' ||
    name === '[::ffff:7f00:1]'
  );
}

/** The reserved name `host` falls under (« .test », « example.com »), or undefined. */
export function reservedSuffix(host: string): string | undefined {
  const name = normalise(host);
  const suffix = RESERVED_SUFFIXES.find((reserved) => name === reserved || name.endsWith(`.${reserved}`));
  return suffix === undefined ? undefined : suffix.includes('.') ? suffix : `.${suffix}`;
}

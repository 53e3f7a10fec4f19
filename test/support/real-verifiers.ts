import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

// Password verifiers zdl did not write: Debian's argon2-cffi (the reference C library, as the
// association's Python application uses it) and PHP's password_verify (the same C library,
// another binding). Debian's modules live under /usr/bin/python3, not pyenv's python3 on PATH.
export const DEBIAN_PYTHON = '/usr/bin/python3';

export interface VerifyCase {
  hash: string;
  password: string;
}

/** `true` verified, `false` mismatch, a string: the verifier refused the hash itself. */
export type Verdict = boolean | string;

const PYTHON_VERIFY = `
import json, sys
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
ph = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16)
out = []
for case in json.load(sys.stdin):
    try:
        out.append({"ok": ph.verify(case["hash"], case["password"]), "rehash": ph.check_needs_rehash(case["hash"])})
    except VerifyMismatchError:
        out.append({"ok": False})
    except Exception as error:
        out.append({"ok": type(error).__name__ + ": " + str(error)})
print(json.dumps(out))
`;

const PHP_VERIFY = `
$out = [];
foreach (json_decode(stream_get_contents(STDIN), true) as $case) {
  $info = password_get_info($case['hash']);
  $out[] = ['ok' => $info['algoName'] === 'argon2id' ? password_verify($case['password'], $case['hash']) : 'unknown algorithm'];
}
echo json_encode($out);
`;

async function runVerifier(
  file: string,
  args: string[],
  cases: VerifyCase[],
): Promise<{ ok: Verdict; rehash?: boolean }[]> {
  const child = promisify(execFile)(file, args, { encoding: 'utf8', env: { LANG: 'C.UTF-8', PATH: '/usr/bin:/bin' } });
  child.child.stdin!.end(JSON.stringify(cases));
  const { stdout } = await child;
  return JSON.parse(stdout);
}

export function verifyWithArgon2Cffi(cases: VerifyCase[]) {
  return runVerifier(DEBIAN_PYTHON, ['-c', PYTHON_VERIFY], cases);
}

export function verifyWithPhp(cases: VerifyCase[]) {
  return runVerifier('/usr/bin/php', ['-r', PHP_VERIFY], cases);
}

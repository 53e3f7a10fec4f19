"""Sign people in against the accounts zdl writes (docs/sign-in.md).

Needs psycopg 3 and argon2-cffi (Debian: python3-psycopg python3-argon2; pip: psycopg argon2-cffi).
The database role needs nothing more than what `zdl db grant-app <role>` grants: SELECT on the
view zdl.sign_in_accounts and EXECUTE on zdl.rehash_password.

    conn = psycopg.connect(os.environ["ZDL_APP_DATABASE_URL"], autocommit=True)
    person = sign_in(conn, "zoe@example.org", typed_password)  # Person | None
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass

import psycopg
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHash, VerificationError

# zdl's parameters: argon2id, m=19 MiB, t=2, p=1, 32-byte hash, 16-byte salt (OWASP Password
# Storage Cheat Sheet). verify() reads each hash's own parameters; these only decide
# check_needs_rehash() and the hashes this module writes back. Keep them equal to zdl's.
HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16)

# Verified when the address is unknown, so that unknown and known addresses take the same time
# (OWASP Authentication Cheat Sheet: no user enumeration through response times).
_DUMMY_HASH = HASHER.hash("zdl: no such account")

ROLE_LABELS = {"administrateur": "administrateur", "employe": "employé", "benevole": "bénévole"}

_COLUMNS = "person_id, nom, prenom, role, email, password_hash, active"


@dataclass(frozen=True)
class Person:
    id: int
    nom: str
    prenom: str
    role: str  # "administrateur" | "employe" | "benevole"
    email: str

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


def _verify(stored_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHash):  # VerifyMismatchError is a VerificationError
        return False


def _person(row) -> Person:
    return Person(id=row[0], nom=row[1], prenom=row[2], role=row[3], email=row[4])


def sign_in(conn: psycopg.Connection, email: str, password: str) -> Person | None:
    """The person whose zdl account matches this e-mail and password, or None."""
    with conn.transaction(), conn.cursor() as cur:
        # lower() on both sides: zdl keeps the address as typed and is unique on lower(email).
        cur.execute(
            f"select {_COLUMNS} from zdl.sign_in_accounts where lower(email) = lower(%s)",
            (email.strip(),),
        )
        row = cur.fetchone()
    # zdl hashes the NFC form; a password typed on a Mac may arrive decomposed (NFD).
    typed = unicodedata.normalize("NFC", password)
    stored = row[5] if row else None
    # No hash: a Google-only account, or one revoked before it was activated.
    verified = _verify(stored or _DUMMY_HASH, typed) and stored is not None
    if not verified or not row[6]:  # row[6]: active (activated and not revoked)
        return None
    if HASHER.check_needs_rehash(stored):
        rehash(conn, row[0], stored, typed)
    return _person(row)


def sign_in_with_google(conn: psycopg.Connection, google_sub: str) -> Person | None:
    """After your own Google sign-in verified the ID token: match its `sub`, never the e-mail."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(f"select {_COLUMNS} from zdl.sign_in_accounts where google_sub = %s", (google_sub,))
        row = cur.fetchone()
    return _person(row) if row and row[6] else None


def is_still_active(conn: psycopg.Connection, person_id: int) -> bool:
    """Call it on each request (or every few minutes): zdl may revoke access at any time."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("select active from zdl.sign_in_accounts where person_id = %s", (person_id,))
        row = cur.fetchone()
    return bool(row and row[0])


def rehash(conn: psycopg.Connection, person_id: int, old_hash: str, nfc_password: str) -> bool:
    """Stores a hash with zdl's current parameters; does nothing if the hash changed meanwhile."""
    new_hash = HASHER.hash(nfc_password)  # argon2-cffi writes the canonical m=…,t=…,p=… order
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("select zdl.rehash_password(%s, %s, %s)", (person_id, old_hash, new_hash))
        return bool(cur.fetchone()[0])


def _main() -> None:
    """Used by zdl's test suite: JSON requests on stdin, one JSON answer per request on stdout."""
    import json
    import os
    import sys

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        answers = []
        for request in json.load(sys.stdin):
            if "google_sub" in request:
                person = sign_in_with_google(conn, request["google_sub"])
            else:
                person = sign_in(conn, request["email"], request["password"])
            answers.append(asdict(person) | {"role_label": person.role_label} if person else None)
    print(json.dumps(answers, ensure_ascii=False))


if __name__ == "__main__":
    _main()

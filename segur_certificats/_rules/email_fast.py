"""Plain e-mail addresses, accepted without email-validator (docs: format.md#e-mail).

An address of plain ASCII — a dot-atom local part, a domain of letters, digits
and hyphens ending in a top-level domain of letters, within the lengths of the
RFCs, not a special-use name — is one email-validator accepts; `is_plain_address`
takes it without importing email-validator. Every other address, and every
refusal, is email-validator's verdict (`segur_certificats._rules.fields`).
A test holds the two to the same verdict on every single-character edit of real
addresses, so that an email-validator upgrade that refused such an address would
fail it.

`is_plain_address` is a pure function of its text: one compiled pattern and
constants, nothing that a call changes.
"""

from __future__ import annotations

import re

__all__ = ["RESERVED_DOMAINS", "is_plain_address"]

_PLAIN_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_ADDRESS = re.compile(
    rf"(?P<local>{_PLAIN_ATOM}(?:\.{_PLAIN_ATOM})*)"
    rf"@(?P<domain>(?:{_PLAIN_LABEL}\.)+[A-Za-z]{{2,63}})"
)
RESERVED_DOMAINS = ("arpa", "invalid", "local", "localhost", "onion", "test")
"""The special-use domain names email-validator refuses (RFC 6761 and others)."""
_LOCAL_MAX, _ADDRESS_MAX, _DOMAIN_MAX = 64, 254, 253


def is_plain_address(text: str) -> bool:
    """Whether ``text`` is an address email-validator accepts, read without it.

    ```pycon
    >>> is_plain_address("a.stu@mail.com"), is_plain_address("a.stu@mail.test")
    (True, False)

    ```
    """
    found = _PLAIN_ADDRESS.fullmatch(text)
    if found is None or len(text) > _ADDRESS_MAX:
        return False
    domain = found["domain"].lower()
    return (
        len(found["local"]) <= _LOCAL_MAX
        and len(domain) <= _DOMAIN_MAX
        and "--" not in domain  # Punycode and the like: email-validator decides
        and not any(domain == name or domain.endswith("." + name) for name in RESERVED_DOMAINS)
    )

# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The key that opens the engine's own writes.

The ledger, balances and redemption states change only through the engine's
Python methods. Those methods run with a context key whose value is a private
Python object: an RPC caller chooses its whole context, but only JSON values,
so it can put the key in its context and never this value.
"""

ENGINE_CONTEXT_KEY = "loyalty_club_engine"


class _EngineToken:
    __slots__ = ()

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __repr__(self):
        return "<loyalty club engine>"


_TOKEN = _EngineToken()


def as_engine(records):
    """``records`` as the engine writes them: superuser, with the token."""
    return records.sudo().with_context(**{ENGINE_CONTEXT_KEY: _TOKEN})


def is_engine(records):
    """Whether ``records`` were handed over by the engine (never true for a
    context that came from outside Python)."""
    return records.env.context.get(ENGINE_CONTEXT_KEY) is _TOKEN

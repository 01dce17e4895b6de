"""Typed, immutable models of what the builders read from a disclosure, split by idea: the tables
(``tables``), the 情况说明 (``narrative``), the performance tables (``performance``) and the ``Report``
that holds them all (``report``). ``from jueSuan.models import X`` reaches every name of their ``__all__``."""

from __future__ import annotations

from .narrative import *  # noqa: F403
from .performance import *  # noqa: F403
from .report import *  # noqa: F403
from .tables import *  # noqa: F403

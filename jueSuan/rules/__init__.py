"""Rules: the named checks jueSuan runs, one function each, grouped by family; each family lists its
rules in ``RULES`` and ``catalogue.py`` builds the registry from those lists."""

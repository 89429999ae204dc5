"""Exit statuses of the ``elementlist`` command, in one place."""

OK = 0
FAILED = 1  # the work ran and found errors (violations, failed batch items)
BAD_INPUT = 2  # a bad option, an unreadable or non-ElementList input
INTERRUPTED = 130

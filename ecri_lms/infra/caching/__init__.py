"""Results of heavy read-only computations, kept until the tables they read change.

Every commit that writes a table gives that table a new random version token, in the same
transaction (versions.py). A cached result is stored under the tokens of the tables it reads
(results.py), so a result computed before a change can never be served after it, by any process.
The store is Redis when REDIS_URL is set (one copy for every app server), else each process's memory.
"""

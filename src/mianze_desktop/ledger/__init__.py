"""The annual ledger (台账): formatted Excel export with statistics, and import of existing ledgers.

Qt-free. openpyxl is imported inside functions only (start-up time matters).
``export`` writes a year's cases; ``import_`` reads the app's own export and hand-made ledgers;
``columns`` is what both agree on; ``values`` parses dates, tiers, items, outcomes and policies.
"""

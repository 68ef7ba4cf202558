"""The arithmetic on a dataset: the measures, the group comparison, the claims ledger and its
verdicts, the rows of ``capex sources`` and the per-command reports. Pure functions from records
to result models; nothing here prints or parses options."""

"""Files: finding the data files, reading one into a validated dataset (saying where a problem
is), the caches, and atomic writes. Above :mod:`capexcli.model`, below everything that computes."""

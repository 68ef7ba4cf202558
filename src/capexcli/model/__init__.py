"""The data model: the records of a data file (pydantic), the rules across them, a figure's
filed versions, fiscal-year alignment, and the rewrites of a dataset for other groups or as of
a date. Imports nothing of capex but :mod:`capexcli.errors` and the result models."""

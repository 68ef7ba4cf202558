"""capex: check big-tech AI capex claims against sourced figures."""

__version__ = "0.1.0"

"""analysis: how a target actor's role is framed in news coverage.

The public API is re-exported here; see each module for details.
"""

from analysis import config
from analysis.io import read_table, write_table

__all__ = ["config", "read_table", "write_table"]
__version__ = "0.1.0"

"""An inventory management system: a 3NF schema, a repository and service layer, migrations and a CLI.

Nothing happens at import time: `bootstrap(url)` connects, and every service function takes the
`UnitOfWork` it should use.
"""

from inventory.bootstrap import App, bootstrap
from inventory.errors import (
    DuplicateError,
    InsufficientStockError,
    InUseError,
    InventoryError,
    NotFoundError,
    ValidationError,
)
from inventory.records import (
    LowStockRow,
    MovementKind,
    MovementRecord,
    ProductRecord,
    StockLine,
    Valuation,
    ValuationLine,
)
from inventory.unit_of_work import UnitOfWork

__all__ = [
    "App",
    "DuplicateError",
    "InUseError",
    "InsufficientStockError",
    "InventoryError",
    "LowStockRow",
    "MovementKind",
    "MovementRecord",
    "NotFoundError",
    "ProductRecord",
    "StockLine",
    "UnitOfWork",
    "ValidationError",
    "Valuation",
    "ValuationLine",
    "bootstrap",
]

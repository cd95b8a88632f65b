"""Every stored row, comparable before and after something that must not change it."""

import json

from intake.models import Base


def snapshot(app, tables: tuple[str, ...] | None = None) -> dict[str, list[str]]:
    """Return each table's rows (or only the named tables'), sorted, as JSON text."""
    with app.extensions["db_engine"].connect() as connection:
        return {
            table.name: sorted(
                json.dumps(list(row), default=str, sort_keys=True)
                for row in connection.execute(table.select())
            )
            for table in Base.metadata.sorted_tables
            if tables is None or table.name in tables
        }

"""What an import did: counts, rejected rows and warnings."""

from __future__ import annotations

from pydantic import BaseModel, Field


class RowError(BaseModel):
    """A row (CSV: spreadsheet row, header = 1; JSON: 1-based product position) that was refused."""

    row: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


class ImportReport(BaseModel):
    source: str = ""
    format: str = ""
    imported: int = 0  # products that were new
    updated: int = 0  # products that existed (same handle) and were replaced
    errors: list[RowError] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    products: list[str] = Field(default_factory=list)  # handles written, in file order
    # Instruction-like sentences taken out of each product's copy (handle -> "field: sentence")
    copy_flags: dict[str, list[str]] = Field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

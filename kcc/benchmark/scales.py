from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """Sizes of the generated city; `metro` is the biggest municipality we plan for."""

    name: str
    factor: float

    def count(self, metro_count: int) -> int:
        return max(1, round(metro_count * self.factor))


SCALES = {
    "small": Scale("small", 0.01),
    "city": Scale("city", 0.1),
    "metro": Scale("metro", 1.0),
}

# Metro sizes, from issue 10 (Arnhem's yearly volumes × 3 years, rounded up).
METRO_MEDEWERKERS = 2_000

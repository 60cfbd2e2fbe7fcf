import pytest

from mlflow_app_lint.checking.rules.maintenance_window import diagnose


@pytest.mark.parametrize("value", ["Mon:00:00", "Tue:03:30", "Sun:23:59"])
def test_valid_windows_have_no_problem(value: str) -> None:
    assert diagnose(value) == ([], value)


@pytest.mark.parametrize(
    ("value", "corrected"),
    [
        ("TUE:03:30", "Tue:03:30"),
        ("tue:03:30", "Tue:03:30"),
        ("Tuesday:03:30", "Tue:03:30"),
        ("Tue:3:30", "Tue:03:30"),
        ("Tue:03:5", "Tue:03:05"),
        ("Tue:24:00", None),
        ("Tue:03:60", None),
        ("Tue:0٣:30", None),
        ("Tue 03:30", None),
        ("Mardi:03:30", None),
    ],
)
def test_invalid_windows_are_corrected_only_when_the_intent_is_clear(
    value: str, corrected: str | None
) -> None:
    problems, fixed = diagnose(value)
    assert problems
    assert fixed == corrected


def test_each_wrong_part_is_named() -> None:
    problems, _ = diagnose("TUE:24:60")
    assert problems == [
        "the day is written 'Tue', not 'TUE'",
        "hour '24' does not exist: use 00 to 23",
        "minute '60' does not exist: use 00 to 59",
    ]

"""Time the policy layer's worst cases, to show that each grows linearly (docs/limits.md):

- suppression comments: N `disable=` comments in one document, and N documents of one comment;
- exclude patterns: `a/**/**/.../x` and `*a*a*...*b` against paths that almost match.

    python benchmarks/policy_bounds.py
"""

from __future__ import annotations

import time

from mlflow_app_lint.engine.lint import lint_bytes
from mlflow_app_lint.policy.globs import PathPattern

LINE = b"Name: app  # mlflow-app-lint: disable=invalid-type\n"


def seconds(action, *arguments) -> float:
    start = time.perf_counter()
    action(*arguments)
    return time.perf_counter() - start


def comments_in_one_document(count: int) -> bytes:
    return LINE + b"".join(
        b"k%d: v  # mlflow-app-lint: disable=invalid-type\n" % i for i in range(count)
    )


def documents_of_one_comment(count: int) -> bytes:
    return b"---\n".join([LINE] * count)


def deep_pattern(parts: int) -> tuple[PathPattern, str]:
    pattern = "a/" + "**/" * parts + "x"
    return PathPattern(pattern, "/b"), "/b/a/" + "/".join(["d"] * parts) + "/y"


def starry_pattern(parts: int) -> tuple[PathPattern, str]:
    return PathPattern("d/" + "*a" * parts + "*b", "/b"), "/b/d/" + "a" * (parts * 3)


def main() -> None:
    for count in (1_000, 2_000, 4_000):
        taken = seconds(lint_bytes, comments_in_one_document(count), "x.yaml", False)
        print(f"{count:>6} comments in one document: {taken:7.2f} s")
    for count in (1_000, 2_000, 4_000):
        taken = seconds(lint_bytes, documents_of_one_comment(count), "x.yaml", False)
        print(f"{count:>6} documents of one comment:  {taken:7.2f} s")
    for make, name in ((deep_pattern, "'**' parts"), (starry_pattern, "'*a' parts")):
        for parts in (8, 12, 16, 200):
            pattern, path = make(parts)
            taken = seconds(pattern.matches, path)
            print(f"{parts:>6} {name}: {taken:7.3f} s")
            if taken > 20:
                break


if __name__ == "__main__":
    main()

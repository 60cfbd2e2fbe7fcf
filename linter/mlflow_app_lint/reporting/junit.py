"""JUnit XML, as Jenkins, GitLab and most CI test-report views read it.

A file is a test suite and each of its documents a test case, so a document's history stays one
test from run to run. The strict Ant schema allows one failure per test case: a document with
errors fails once, its message listing every error, one per line; warnings go to system-out."""

from __future__ import annotations

import datetime
import re
import socket
from dataclasses import dataclass
from xml.etree import ElementTree

from mlflow_app_lint.base.findings import Severity
from mlflow_app_lint.engine.results import FileResult, Report
from mlflow_app_lint.reporting.options import ReportOptions
from mlflow_app_lint.reporting.text import headline

PACKAGE = "mlflow-app-lint"
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry even escaped (a file name or message may hold one)."""


@dataclass(frozen=True)
class JunitReporter:
    options: ReportOptions

    def render(self, report: Report) -> str:
        root = ElementTree.Element("testsuites")
        timestamp = datetime.datetime.now().replace(microsecond=0).isoformat()
        hostname = socket.gethostname() or "localhost"
        for index, result in enumerate(report.files):
            root.append(_suite(index, result, timestamp, hostname))
        ElementTree.indent(root)
        text = ElementTree.tostring(root, encoding="unicode", xml_declaration=True)
        return NOT_XML.sub("\ufffd", text) + "\n"


def _suite(index: int, result: FileResult, timestamp: str, hostname: str) -> ElementTree.Element:
    cases = [_case(result, document) for document in range(result.documents)]
    failures = sum(1 for case in cases if case.find("failure") is not None)
    suite = ElementTree.Element(
        "testsuite",
        name=result.path,
        package=PACKAGE,
        id=str(index),
        timestamp=timestamp,
        hostname=hostname,
        tests=str(len(cases)),
        failures=str(failures),
        errors="0",
        time="0",
    )
    ElementTree.SubElement(suite, "properties")
    suite.extend(cases)
    ElementTree.SubElement(suite, "system-out").text = "".join(
        headline(finding) + "\n" for finding in result.findings
    )
    ElementTree.SubElement(suite, "system-err")
    return suite


def _case(result: FileResult, document: int) -> ElementTree.Element:
    case = ElementTree.Element(
        "testcase",
        name=f"{result.path} document {document + 1}",
        classname=result.path,
        time="0",
    )
    errors = [
        finding
        for finding in result.findings
        if finding.document == document
        and finding.severity is Severity.ERROR
        and finding.suppression is None
    ]
    if errors:
        failure = ElementTree.SubElement(
            case,
            "failure",
            message="\n".join(finding.message for finding in errors),
            type=" ".join(sorted({finding.rule.id for finding in errors})),
        )
        failure.text = "".join(headline(finding) + "\n" for finding in errors)
    return case

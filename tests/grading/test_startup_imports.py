"""The grading commands' start-up imports nothing grading does not use (``speedups``)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import io, os, sys, tarfile, zipfile
    from aiwork.grading import speedups

    speedups.nbgrader_package_only()
    speedups.nbgrader_utils_without_setuptools()
    import aiwork.grading.writer  # what 'aiwork grade' imports
    import aiwork.grading.feedback  # and 'aiwork feedback'

    print("setuptools" in sys.modules, "pkg_resources" in sys.modules)
    print("setuptools.archive_util" in sys.modules)

    # nbgrader's unzip (zip_collect) still unpacks through the real setuptools functions
    from nbgrader import utils

    tmp = sys.argv[1]
    with zipfile.ZipFile(os.path.join(tmp, "a.zip"), "w") as z:
        z.writestr("x/one.txt", "một")
    with tarfile.open(os.path.join(tmp, "b.tar.gz"), "w:gz") as t:
        data = "hai".encode()
        info = tarfile.TarInfo("y/two.txt")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    with open(os.path.join(tmp, "c.gz"), "wb") as fh:
        fh.write(b"not an archive")
    os.mkdir(os.path.join(tmp, "out"))
    for name in ("a.zip", "b.tar.gz"):
        utils.unzip(os.path.join(tmp, name), os.path.join(tmp, "out"))
    out = os.path.join(tmp, "out")
    print(sorted(os.path.relpath(os.path.join(d, f), out) for d, _, fs in os.walk(out) for f in fs))
    try:
        utils.unzip(os.path.join(tmp, "c.gz"), os.path.join(tmp, "out"))
    except Exception as exc:
        from setuptools.archive_util import UnrecognizedFormat

        print(type(exc) is UnrecognizedFormat)
    """
)


def test_grading_imports_no_setuptools_and_unzip_still_works(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split("\n")[:4] == [
        "False False",  # neither setuptools nor pkg_resources imported for grading
        "False",  # the stand-in is gone
        "['x/one.txt', 'y/two.txt']",  # both archives unpacked
        "True",  # the real module's exception, raised through the stand-in
    ]


def test_the_grade_command_starts_the_template_before_importing_nbgrader(blank_course, tmp_path):
    """``aiwork grade`` run for real (``-X importtime``): the template process is spawned
    (``aiwork.grading.pool``) before the driver imports jsonschema and nbgrader, which then
    load while the template starts; none of setuptools, jsonschema's IRI grammars or
    nbgrader's server extensions is imported at all."""
    from .conftest import copy_course
    from .course import ASSIGNMENT, reference, submit

    root = copy_course(blank_course, tmp_path / "course")
    submit(root, "alice", reference(root))
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "aiwork.cli", "grade", ASSIGNMENT]
        + ["--course", str(root), "--quiet"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    order = [
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    ]
    # (importtime lists a module when its import ends: after the modules it imported)
    for later in ("aiwork.grading.speedups", "jsonschema", "nbgrader.utils", "sqlalchemy"):
        assert order.index("aiwork.grading.pool") < order.index(later), later
    # (rfc3987_syntax is listed, as a refused import: its Lark grammars must not load)
    for absent in ("setuptools", "pkg_resources", "lark", "nbgrader.server_extensions"):
        assert absent not in order, absent

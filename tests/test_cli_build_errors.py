"""The bad-input matrix of `aligner build`: one line naming the file and the fix, exit != 0, no
traceback, no partial output."""

import os
import shutil
import subprocess
import sys

import pytest

from aligner.build import build
from aligner.errors import InputError, OutputError

#: a corpus of a few lines a language: every error here comes before or at the first file that has
#: it, so a big corpus only makes the build segment more before failing
HINDI = "सोवियत संघ का इतिहास\n\n1917 के बाद ज़मींदारों की ज़मीन किसानों को मिली। गाँवों में नई समितियाँ बनीं।\n"
THAI = "ประวัติศาสตร์โซเวียต\n\nหลังปี 1917 ที่ดินของเจ้าของที่ดินตกเป็นของชาวนา หมู่บ้านตั้งคณะกรรมการใหม่\n"


def run_build(texts, out, env_extra=None, cache=None):
    env = {**os.environ, **(env_extra or {})}
    args = [sys.executable, "-m", "aligner", "build", str(texts), "--out", str(out)]
    if cache:
        args += ["--cache", str(cache)]
    return subprocess.run(args, capture_output=True, text=True, env=env)


def assert_one_line_error(result, *needles):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("aligner: error:")]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture
def corpus(tmp_path):
    for lang, text in (("hi", HINDI), ("th", THAI)):
        (tmp_path / "texts" / lang).mkdir(parents=True)
        (tmp_path / "texts" / lang / f"{lang}.txt").write_text(text, encoding="utf-8")
    return tmp_path / "texts"


def test_lone_file_with_no_partner(tmp_path, corpus):
    shutil.rmtree(corpus / "th")
    result = run_build(corpus, tmp_path / "out")
    assert_one_line_error(result, str(corpus), "two languages")
    assert not (tmp_path / "out" / "tmx").exists()


def test_wrong_encoding_names_the_file(tmp_path, corpus):
    bad = corpus / "th" / "latin1.txt"
    bad.write_bytes("Ceci est en français, écrit en Latin-1.".encode("latin-1"))
    result = run_build(corpus, tmp_path / "out")
    assert_one_line_error(result, str(bad))
    assert not (tmp_path / "out" / "tmx").exists()


def test_unknown_language_folder_lists_the_choices(tmp_path, corpus):
    (corpus / "xx").mkdir()
    (corpus / "xx" / "a.txt").write_text("text", encoding="utf-8")
    result = run_build(corpus, tmp_path / "out")
    assert_one_line_error(result, "xx", "hi")


def test_malformed_tmx_on_import(tmp_path, corpus):
    out = tmp_path / "out"
    (out / "tmx").mkdir(parents=True)
    broken = out / "tmx" / "hi-en.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    result = run_build(corpus, out)
    assert_one_line_error(result, str(broken))
    assert broken.read_text(encoding="utf-8") == "<tmx><body><tu>"  # left as the translator has it
    assert not (out / "tei").exists()


def test_missing_dictionary_package_says_what_to_install(tmp_path, corpus):
    result = run_build(
        corpus, tmp_path / "out", {"ALIGNER_FREEDICT_DIR": str(tmp_path / "nowhere")}, cache=tmp_path / "cache"
    )
    assert_one_line_error(result, "apt-get install dict-freedict-eng-hin")
    assert not (tmp_path / "out" / "tmx").exists()


def test_unwritable_output_folder(tmp_path, corpus):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    result = run_build(corpus, blocker / "out")
    assert_one_line_error(result, "--out")


def test_a_lone_language_is_refused_by_the_api(corpus, tmp_path):
    shutil.rmtree(corpus / "th")
    with pytest.raises(InputError) as error:
        build(corpus, tmp_path / "out")
    assert "at least two languages" in error.value.one_line()
    assert not (tmp_path / "out" / "tmx").exists()


def test_unwritable_output_is_refused_by_the_api_before_any_work(corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        build(corpus, blocker / "out")

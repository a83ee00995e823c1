"""The per-text stages on local worker processes and on a Dask cluster: the same outputs, byte for
byte, as one process; errors raised in a worker reach the user as the same one-line errors."""

import pickle

import pytest
from tiny_corpus import HINDI, HINDI_2, THAI, snapshot, write_corpus

from aligner.build import build
from aligner.errors import InputError, MissingPackageError, UnknownNameError
from aligner.tasks import executor_for, run_tasks

THAI_2 = "\n\nอดอยาก\n\nปี 1921 เกิดความอดอยากริมแม่น้ำโวลกา คนตายหลายแสน\n"
CORPUS = {"hi/a.txt": HINDI, "hi/b.txt": HINDI_2, "th/a.txt": THAI, "th/b.txt": THAI + THAI_2}


def _square(value: int) -> int:
    return value * value


def _fail(value: int) -> int:
    raise UnknownNameError("language", f"x{value}", ["hi", "th"], path=f"texts/x{value}/a.txt")


def test_tasks_come_back_in_task_order_and_report_each_as_it_finishes():
    with executor_for(workers=2) as executor:
        seen = []
        assert run_tasks(_square, [(n,) for n in range(6)], executor, lambda i, r: seen.append((i, r))) == [
            0,
            1,
            4,
            9,
            16,
            25,
        ]
        assert sorted(seen) == [(i, i * i) for i in range(6)]


def _die(value: int) -> int:
    import os

    os._exit(3)


def test_a_worker_that_dies_is_one_clear_error():
    from aligner.errors import AlignerError

    with executor_for(workers=2) as executor, pytest.raises(AlignerError, match="worker process stopped"):
        run_tasks(_die, [(1,), (2,)], executor)


def test_an_error_in_a_worker_is_the_same_error_here():
    with executor_for(workers=2) as executor, pytest.raises(UnknownNameError) as error:
        run_tasks(_fail, [(1,)], executor)
    assert error.value.one_line() == "texts/x1/a.txt: unknown language 'x1' — choose one of: hi, th"
    for original in (MissingPackageError("x", "pip install x"), InputError("bad", path="f", fix="do")):
        assert pickle.loads(pickle.dumps(original)).one_line() == original.one_line()


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    root = tmp_path_factory.mktemp("one")
    texts = write_corpus(root / "texts", CORPUS)
    build(texts, root / "out", cache=root / "cache")
    return texts, snapshot(root / "out")


def test_two_local_workers_write_the_same_bytes_as_one_process(one_process, tmp_path):
    texts, expected = one_process
    build(texts, tmp_path / "out", cache=tmp_path / "cache", workers=2)
    assert snapshot(tmp_path / "out") == expected


def test_a_dask_cluster_writes_the_same_bytes_as_one_process(one_process, tmp_path):
    distributed = pytest.importorskip("distributed")
    texts, expected = one_process
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        build(texts, tmp_path / "out", cache=tmp_path / "cache", scheduler=cluster.scheduler_address)
    assert snapshot(tmp_path / "out") == expected


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path):
    from aligner.errors import AlignerError

    pytest.importorskip("distributed", reason="--scheduler needs the cluster extra: pip install 'aligner[cluster]'")
    texts = write_corpus(tmp_path / "texts", CORPUS)
    with pytest.raises(AlignerError, match="cannot reach the Dask scheduler"):
        build(texts, tmp_path / "out", cache=tmp_path / "cache", scheduler="tcp://127.0.0.1:9")


def _warn(value: int) -> int:
    import logging

    logging.getLogger("aligner.test").warning("text %d looks odd", value)
    logging.getLogger("aligner.test").debug("detail %d", value)
    return value


def test_what_a_task_logs_in_a_worker_is_logged_here(caplog):
    import logging

    caplog.set_level(logging.INFO)
    with executor_for(workers=2) as executor:
        assert run_tasks(_warn, [(1,), (2,)], executor) == [1, 2]
    messages = sorted(r.getMessage() for r in caplog.records if r.name == "aligner.test")
    assert messages == ["text 1 looks odd", "text 2 looks odd"]  # debug stays below the level asked for


def test_an_interrupted_build_resumes_without_redoing_finished_work(tmp_path, monkeypatch):
    """A build stopped in its alignment stage (here: the second pair raises) leaves every finished
    segmentation, English line and vector in the cache; the next build encodes none of them again and
    writes what a build that was never interrupted writes."""
    import aligner.build as build_module
    from aligner.embed import E5Encoder

    texts = write_corpus(tmp_path / "texts", CORPUS)
    encoded: list[str] = []
    real_encode, real_queries = E5Encoder.encode, E5Encoder.encode_queries
    monkeypatch.setattr(E5Encoder, "encode", lambda self, t: (encoded.extend(t), real_encode(self, t))[1])
    monkeypatch.setattr(E5Encoder, "encode_queries", lambda self, t: (encoded.extend(t), real_queries(self, t))[1])
    real_task, calls = build_module.align_task, []

    def stopping_task(*args):
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_task(*args)

    monkeypatch.setattr(build_module, "align_task", stopping_task)
    with pytest.raises(KeyboardInterrupt):
        build(texts, tmp_path / "out", cache=tmp_path / "cache")
    assert not (tmp_path / "out" / "tmx").exists()
    first = set(encoded)
    encoded.clear()
    monkeypatch.setattr(build_module, "align_task", real_task)
    build(texts, tmp_path / "out", cache=tmp_path / "cache")
    assert first and not first & set(encoded)
    build(texts, tmp_path / "fresh", cache=tmp_path / "fresh-cache")
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "fresh")


def test_the_embed_stage_computes_every_vector_alignment_asks_for(tmp_path, monkeypatch):
    """The per-edition embed tasks must ask for exactly the texts `align_editions` encodes: whatever
    they miss is computed later, serially, inside the pair's task. Only the second pass of an ordered
    alignment (runs of three or four sentences where it is unsure) may embed anything new there."""
    import aligner.build as build_module
    from aligner.embed import E5Encoder

    texts = write_corpus(tmp_path / "texts", CORPUS)
    during_alignment: list[str] = []
    aligning = []
    for method in ("encode", "encode_queries", "encode_sparse"):
        real = getattr(E5Encoder, method)

        def counted(self, batch, real=real):
            if aligning:
                during_alignment.extend(batch)
            return real(self, batch)

        monkeypatch.setattr(E5Encoder, method, counted)
    real_task = build_module.align_task

    def watched(*args):
        aligning.append(True)
        try:
            return real_task(*args)
        finally:
            aligning.pop()

    monkeypatch.setattr(build_module, "align_task", watched)
    summary = build(texts, tmp_path / "out", cache=tmp_path / "cache")
    long_runs = {
        " ".join(sentences[i : i + k])
        for edition in summary.editions
        for sentences in [[s.text for s in edition.sentences()]]
        for k in (3, 4)
        for i in range(len(sentences) - k + 1)
    }
    assert {alignment.mode for alignment in summary.alignments} == {"translation", "comparable"}
    assert set(during_alignment) <= long_runs


def test_tasks_logging_side_by_side_in_one_worker_each_keep_their_own_records():
    """A Dask worker runs tasks in threads: each task gets what it logged, not its neighbours', and the
    worker's own level is back once the last one ends."""
    import logging
    import threading

    from aligner.tasks import logged_call

    root = logging.getLogger()
    before = root.level
    root.setLevel(logging.WARNING)
    barrier = threading.Barrier(4)

    def task(value):
        barrier.wait()
        logging.getLogger("aligner.test").info("task %d", value)
        return value

    found = {}
    threads = [
        threading.Thread(target=lambda v=v: found.update({v: logged_call(task, logging.INFO, v)})) for v in range(4)
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert {v: [r.getMessage() for r in records] for v, (_, records) in found.items()} == {
            v: [f"task {v}"] for v in range(4)
        }
        assert root.level == logging.WARNING
    finally:
        root.setLevel(before)

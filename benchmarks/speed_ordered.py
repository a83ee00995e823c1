"""Time and peak memory of the ordered aligner on N × N sentences (embeddings precomputed).

    python benchmarks/speed_ordered.py 10000

Uses random unit vectors shaped like e5 embeddings, with the target a noisy copy of the source, so
the figure measures the search itself (embedding time is cached away in real rebuilds).
`bertalign_side_by_side.py` times Bertalign on the same kind of input in the same run.
"""

import resource
import sys
import time

import numpy as np

from aligner.align import align_ordered


def main(n: int) -> None:
    rng = np.random.default_rng(0)
    src = rng.normal(size=(n, 384)).astype(np.float32)
    tgt = src + 0.5 * rng.normal(size=(n, 384)).astype(np.float32)

    def unit(v):
        return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)

    def overlaps(v):
        return [unit(v), unit(v[:-1] + v[1:])]

    started = time.perf_counter()
    beads = align_ordered(overlaps(src), overlaps(tgt), np.full(n, 80.0), np.full(n, 80.0))
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    correct = sum(1 for b in beads if b.src == b.tgt and b.src[1] - b.src[0] == 1)
    print(f"{n} x {n}: {seconds:.1f} s, peak RSS {peak_mib:.0f} MiB, {correct}/{n} diagonal links")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)

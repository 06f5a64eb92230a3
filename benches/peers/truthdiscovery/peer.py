"""The Python `truthdiscovery` 1.0.4 side of the comparison (run.sh drives it).

    python peer.py MATRIX.csv OURS.json REPEATS

Loads the matrix with the library's MatrixDataset.from_csv, runs its six algorithms with their
default options, checks that claimgraph's results (OURS.json, written by the
truthdiscovery_peer example on the same matrix) are equal (trust and belief to 1e-6, same
iterations), and prints one `ratio <algorithm> <claims> <peer/ours>` line per algorithm, the
best of REPEATS runs on each side (the library's `time_taken`: the algorithm only).

The library's package imports its drawing modules (pycairo) on import; they are not used
here, so an empty `cairo` module stands in when pycairo is not installed.
"""

import json
import sys
import types

try:
    import cairo  # noqa: F401
except ImportError:
    sys.modules["cairo"] = types.ModuleType("cairo")

from truthdiscovery.algorithm import (AverageLog, Investment, MajorityVoting,
                                      PooledInvestment, Sums, TruthFinder)
from truthdiscovery.input import MatrixDataset

NAMES = [("MajorityVote", MajorityVoting), ("Sums", Sums),
         ("AverageLog", AverageLog), ("Investment", Investment),
         ("PooledInvestment", PooledInvestment), ("TruthFinder", TruthFinder)]


def main():
    matrix, ours_path, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(matrix) as f:
        data = MatrixDataset.from_csv(f)
    with open(ours_path) as f:
        ours = json.load(f)
    claims = ours["claims"]
    failures = []
    for name, cls in NAMES:
        best, result = None, None
        for _ in range(max(1, repeats)):
            result = cls().run(data)
            best = result.time_taken if best is None else min(best, result.time_taken)
        mine = ours[name]
        worst = 0.0
        for source, trust in result.trust.items():
            worst = max(worst, abs(trust - mine["trust"][int(source)]))
        for var, values in result.belief.items():
            for val, belief in values.items():
                worst = max(worst, abs(belief - mine["belief"][str(int(var))][repr(float(val))]))
        iterations = result.iterations if result.iterations is not None else 0
        if worst > 1e-6 or iterations != mine["iterations"]:
            failures.append(f"{name}: largest difference {worst:.3g}, iterations "
                            f"{iterations} (library) vs {mine['iterations']} (claimgraph)")
        print(f"agree {name} {claims} max_diff {worst:.3g} iterations {iterations}")
        print(f"ratio {name} {claims} {best / mine['seconds']:.1f}"
              f"  (library {best:.4f} s, claimgraph {mine['seconds']:.6f} s)")
    if failures:
        print("results differ:\n  " + "\n  ".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

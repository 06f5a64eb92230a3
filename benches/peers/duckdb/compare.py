#!/usr/bin/env python3
"""Loads the tables `peer_tables` wrote into DuckDB, runs the SQL of this directory, checks that
each answer equals claimgraph's (ours.json) and times it.

    compare.py --tables DIR [--sql DIR] [--repeat N] [--threads T] [--variants]

Steps: the CSV files are converted to Parquet with pyarrow (in a child process, so that its
memory is not counted as DuckDB's), loaded with CREATE TABLE ... AS SELECT * FROM
read_parquet(...) into an in-memory database, and each query is run once to check its answer,
then N more times for the best time. The output ends with one line per query,
`ratio <query> <claims> <DuckDB time / our time>` (or `disagree`), and the exit code is 1 if any
answer differs. Memory: growth of this process's resident set (VmRSS) over the load, and
DuckDB's own count of the memory it holds (duckdb_memory()).
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

# Column types of each table (see README.md): explicit, so that no column is guessed from a
# small sample (said_in may be empty in every row of a small corpus).
TABLES = {
    "claims": [
        ("id", "int64"), ("subject", "int64"), ("predicate", "int64"), ("qualifier", "int64"),
        ("object", "string"), ("lo", "float64"), ("hi", "float64"), ("scale", "float64"),
        ("polarity", "string"), ("modality", "string"), ("stance", "string"),
        ("time_lo", "int64"), ("time_hi", "int64"), ("speaker", "int64"), ("source", "int64"),
        ("said_in", "int64"), ("mode", "string"),
    ],
    "predicates": [("id", "int64"), ("single", "bool_"), ("tolerance", "float64")],
    "derivations": [("source", "int64"), ("target", "int64"), ("kind", "string")],
    "attribution_sample": [("claim", "int64")],
}

# Each query's SQL file and how its rows reduce to the counts compared with ours.json.
QUERIES = {
    "contradictions": "SELECT count(*) FILTER (WHERE rule = 'polarity') AS polarity, "
                      "count(*) FILTER (WHERE rule = 'value') AS value FROM ({sql}\n) q",
    "attribution": "SELECT count(*) AS reached, count(*) FILTER (WHERE origin) AS origins FROM ({sql}\n) q",
    "corroboration": "SELECT count(*) AS groups, sum(origins) AS origins FROM ({sql}\n) q",
    "corroborations": "SELECT count(*) AS propositions, sum(claims) AS claims, "
                      "sum(independent) AS independent FROM ({sql}\n) q",
}


def convert(tables: Path) -> None:
    """CSV to Parquet with pyarrow, every column typed."""
    import pyarrow as pa
    import pyarrow.csv as csv
    import pyarrow.parquet as pq

    for name, columns in TABLES.items():
        types = {c: getattr(pa, t)() for c, t in columns}
        table = csv.read_csv(
            tables / f"{name}.csv",
            convert_options=csv.ConvertOptions(column_types=types, include_columns=[c for c, _ in columns]),
        )
        pq.write_table(table, tables / f"{name}.parquet")


def status_bytes(field: str) -> int:
    """A field of /proc/self/status in bytes (VmRSS, VmHWM); 0 where there is none."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def mib(n: float) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.3f} ms"


def answer(con, query: str) -> dict:
    cursor = con.execute(query)
    names = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    return {k: int(v or 0) for k, v in zip(names, row)}


def best_time(con, query: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        con.execute(query).fetchall()
        best = min(best, time.perf_counter() - t)
    return best


def shown(counts: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in counts.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", type=Path, required=True, help="the directory peer_tables wrote")
    parser.add_argument("--sql", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed runs per query after the checked one (0: check only)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--variants", action="store_true", help="also check and time variants/*.sql")
    parser.add_argument("--convert-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.convert_only:
        convert(args.tables)
        return 0

    import duckdb

    ours = json.loads((args.tables / "ours.json").read_text())
    claims = ours["claims"]
    corpus = f"data {ours['data']}" if ours.get("data") else f"seed {ours['seed']}"
    print(f"claimgraph vs DuckDB {duckdb.__version__} (in-memory, {args.threads} threads), {claims} claims, {corpus}",
          flush=True)

    t = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--tables", str(args.tables), "--convert-only"], check=True)
    converted = time.perf_counter() - t

    con = duckdb.connect()
    con.execute(f"SET threads = {args.threads}")
    con.execute("SELECT 1").fetchall()
    def load_tables() -> float:
        t = time.perf_counter()
        for name in TABLES:
            path = (args.tables / f"{name}.parquet").as_posix().replace("'", "''")
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{path}')")
        return time.perf_counter() - t

    rss_before = status_bytes("VmRSS")
    loaded = load_tables()
    grown = status_bytes("VmRSS") - rss_before
    held = con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0] or 0
    # The load is timed as ours is, best of three (the memory is that of the first load).
    for _ in range(2 if args.repeat > 0 else 0):
        for name in TABLES:
            con.execute(f"DROP TABLE {name}")
        loaded = min(loaded, load_tables())
    print(f"peer: CSV to Parquet (pyarrow) {converted:.3f} s; Parquet to tables {loaded:.3f} s "
          f"(ours: {'load' if ours.get('data') else 'generate + build'} {ours['build_s']:.3f} s, "
          f"snapshot load {ours['snapshot_load_s']:.3f} s)")
    print(f"peer: memory +{mib(grown)} resident after load ({grown / max(claims, 1):.0f} bytes/claim), "
          f"DuckDB holds {mib(held)}; ours +{mib(ours['resident_growth_bytes'])} over the build "
          f"({ours['resident_growth_bytes'] / max(claims, 1):.0f} bytes/claim), "
          f"+{mib(ours['snapshot_resident_growth_bytes'])} in a fresh process over a snapshot load "
          f"({ours['snapshot_resident_growth_bytes'] / max(claims, 1):.0f} bytes/claim)")

    results = {"claims": claims, "duckdb": duckdb.__version__, "threads": args.threads,
               "convert_s": converted, "load_s": loaded, "resident_growth_bytes": grown,
               "duckdb_memory_bytes": held, "queries": {}}
    all_agree = True
    ratios = []
    for name, reduce in QUERIES.items():
        sql = (args.sql / f"{name}.sql").read_text().strip().rstrip(";")
        query = reduce.format(sql=sql)
        expected = ours["queries"][name]["answer"]
        theirs = answer(con, query)
        agree = theirs == expected
        seconds = best_time(con, query, args.repeat) if agree and args.repeat > 0 else float("nan")
        mine = ours["queries"][name]["best_s"]
        verdict = "answers agree" if agree else "ANSWERS DIFFER"
        # Ours in the peer's order, for reading side by side.
        expected = {k: expected[k] for k in theirs if k in expected} | expected
        print(f"{name}: ours {ms(mine)} [{shown(expected)}] | peer {ms(seconds)} [{shown(theirs)}] | {verdict}")
        results["queries"][name] = {"answer": theirs, "agree": agree, "best_s": seconds}
        all_agree &= agree
        ratios.append(f"ratio {name} {claims} {seconds / max(mine, 1e-9):.1f}" if agree
                      else f"ratio {name} {claims} disagree")
        if args.variants:
            for variant in sorted((args.sql / "variants").glob(f"{name}_*.sql")):
                vquery = reduce.format(sql=variant.read_text().strip().rstrip(";"))
                vanswer = answer(con, vquery)
                same = vanswer == expected
                vtime = best_time(con, vquery, args.repeat) if args.repeat > 0 else float("nan")
                print(f"peer: variant {name} ({variant.name}): {ms(vtime)} [{shown(vanswer)}] | "
                      f"{'answers agree' if same else 'ANSWERS DIFFER'}")
                results["queries"][f"{name}:{variant.stem}"] = {"answer": vanswer, "agree": same, "best_s": vtime}
                all_agree &= same

    # Load: our snapshot against the Parquet tables; memory: the graph alone after a snapshot
    # load against DuckDB's tables after theirs (above 1 the peer takes longer or more).
    if args.repeat > 0:
        ratios.append(f"ratio load {claims} {loaded / max(ours['snapshot_load_s'], 1e-9):.2f}")
    ratios.append(f"ratio memory {claims} {grown / max(ours['snapshot_resident_growth_bytes'], 1):.2f}")
    print(f"peer: peak resident {mib(status_bytes('VmHWM'))}")
    (args.tables / "duckdb.json").write_text(json.dumps(results, indent=2) + "\n")
    for line in ratios:
        print(line)
    return 0 if all_agree else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Runs the queries of this directory (contradictions, attribution, corroboration, corroborations) on
SQLite, from Python's standard library, over the tables `peer_tables` wrote, and checks each
answer against ours.json: the SQL is not tied to DuckDB. Not timed (rows are inserted one by one).

    sqlite.py --tables DIR

SQLite has no two-argument `greatest`; its scalar `max` is registered under that name.
"""

import argparse
import csv
import json
import sqlite3
import sys
from pathlib import Path

SCHEMA = {
    "claims": "id INTEGER, subject INTEGER, predicate INTEGER, qualifier INTEGER, object TEXT, lo REAL, "
              "hi REAL, scale REAL, polarity TEXT, modality TEXT, stance TEXT, time_lo INTEGER, "
              "time_hi INTEGER, speaker INTEGER, source INTEGER, said_in INTEGER, mode TEXT",
    "predicates": "id INTEGER, single BOOLEAN, tolerance REAL",
    "derivations": "source INTEGER, target INTEGER, kind TEXT",
    "attribution_sample": "claim INTEGER",
}

REDUCE = {
    "contradictions": ("SELECT coalesce(sum(rule = 'polarity'), 0), coalesce(sum(rule = 'value'), 0) FROM ({sql}\n)",
                       ["polarity", "value"]),
    "attribution": ("SELECT count(*), coalesce(sum(origin), 0) FROM ({sql}\n)", ["reached", "origins"]),
    "corroboration": ("SELECT count(*), coalesce(sum(origins), 0) FROM ({sql}\n)", ["groups", "origins"]),
    "corroborations": ("SELECT count(*), coalesce(sum(claims), 0), coalesce(sum(independent), 0) FROM ({sql}\n)",
                       ["propositions", "claims", "independent"]),
}


def value(text: str, kind: str):
    if text == "":
        return None
    if kind == "INTEGER":
        return int(text)
    if kind == "BOOLEAN":
        return {"true": 1, "false": 0}[text]
    if kind == "REAL":
        return float(text)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", type=Path, required=True)
    args = parser.parse_args()
    con = sqlite3.connect(":memory:")
    con.create_function("greatest", 2, max, deterministic=True)
    for table, columns in SCHEMA.items():
        con.execute(f"CREATE TABLE {table} ({columns})")
        kinds = [c.split()[1] for c in columns.split(", ")]
        with open(args.tables / f"{table}.csv", newline="") as f:
            rows = csv.reader(f)
            next(rows)
            con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(kinds))})",
                            ([value(v, k) for v, k in zip(row, kinds)] for row in rows))
    ours = json.loads((args.tables / "ours.json").read_text())["queries"]
    here = Path(__file__).resolve().parent
    agree = True
    for name, (reduce, keys) in REDUCE.items():
        sql = (here / f"{name}.sql").read_text().strip().rstrip(";")
        theirs = dict(zip(keys, con.execute(reduce.format(sql=sql)).fetchone()))
        same = theirs == ours[name]["answer"]
        agree &= same
        shown = ", ".join(f"{k}={v}" for k, v in theirs.items())
        print(f"sqlite {sqlite3.sqlite_version}: {name} [{shown}] | {'answers agree' if same else 'ANSWERS DIFFER'}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# The incident lifecycle, Vigil against plain Camunda, on the local PostgreSQL, one after the other in
# one run (docs/benchmarks.md). Run through Maven: mvn -Pbenchmark-lifecycle -DskipTests package
# usage: lifecycle.sh VIGIL_JAR BENCH_DIR [N=600] [WARMUP=300] [CLIENTS=4] [OUT=target/benchmark-lifecycle]
# BENCH_DIR is ../shared/bench: the plain anchor (plain-camunda/, built here) and the driver (lifecycle.py).
# Each side: a fresh database, a warm-up round, ANALYZE, the measured round. Printed per side:
# lifecycles/s (first start to last end, from the engine's history), CPU seconds per lifecycle of its
# JVM and of PostgreSQL (every postgres process), and p50/p99 of each step from the engine's history;
# then the ratio Vigil / plain.
set -euo pipefail
VJAR=$(readlink -f "$1"); BENCH=$(readlink -f "$2"); N=${3:-600}; W=${4:-300}; C=${5:-4}
OUT=$(mkdir -p "${6:-target/benchmark-lifecycle}" && readlink -f "${6:-target/benchmark-lifecycle}")
PG="-h 127.0.0.1 -U postgres"
PIDS=""; trap 'for p in $PIDS; do kill $p 2>/dev/null || true; done' EXIT

echo "== building the plain anchor from $BENCH/plain-camunda"
rm -rf "$OUT/plain-camunda" && cp -r "$BENCH/plain-camunda" "$OUT/plain-camunda"
(cd "$OUT/plain-camunda" && mvn -q -B -DskipTests package)
PJAR=$(ls "$OUT"/plain-camunda/target/*.jar | head -1)

cpu() { awk '{s += $14 + $15} END {printf "%.2f", s / 100}' "$@" 2>/dev/null; }
pg_cpu() { cpu $(pgrep -u postgres -x postgres | sed 's#.*#/proc/&/stat#'); }
up() { for _ in $(seq 240); do curl -s -o /dev/null -w '%{http_code}' "$1" | grep -q 200 && return 0; sleep 1; done; echo "not up: $1"; exit 1; }

# side NAME PORT DATABASE HEALTH_URL ADAPTER PROCESS TRIAGE RESOLVE JAR ARGS...
side() {
  local name=$1 port=$2 dbn=$3 health=$4 adapter=$5 process=$6 triage=$7 resolve=$8 jar=$9; shift 9
  echo "== $name"
  psql $PG -q -c "DROP DATABASE IF EXISTS $dbn WITH (FORCE)" -c "CREATE DATABASE $dbn"
  (cd "$OUT"; exec java -Xmx2g -jar "$jar" --server.port="$port" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$dbn" \
     --spring.datasource.username=postgres "$@" > "$OUT/$name.log" 2>&1) &
  local pid=$!; PIDS="$PIDS $pid"
  up "$health"
  python3 "$BENCH/lifecycle.py" "$adapter" "http://127.0.0.1:$port" "$W" "$C" "$C" > "$OUT/$name-warmup.json"
  psql $PG -d "$dbn" -qc ANALYZE
  local since; since=$(psql $PG -d "$dbn" -Atc "SELECT max(start_time_) FROM act_hi_procinst")
  local j0 p0 j1 p1; j0=$(cpu /proc/$pid/stat); p0=$(pg_cpu)
  python3 "$BENCH/lifecycle.py" "$adapter" "http://127.0.0.1:$port" "$N" "$C" "$C" > "$OUT/$name-run.json"
  j1=$(cpu /proc/$pid/stat); p1=$(pg_cpu)
  # each step from the engine's history: routed = the triage task made for a group, claimed = its claim
  # (Vigil's analysts claim; plain completes unclaimed), resolved = the resolve task completed, closed = the end
  psql $PG -d "$dbn" -At -F ' ' > "$OUT/$name-steps.txt" <<SQL
WITH p AS (SELECT id_, start_time_ AS reported, end_time_ AS closed FROM act_hi_procinst
           WHERE proc_def_key_ = '$process' AND start_time_ > '$since' AND end_time_ IS NOT NULL),
s AS (SELECT p.id_, p.reported, p.closed,
        (SELECT min(t.start_time_) FROM act_hi_taskinst t WHERE t.proc_inst_id_ = p.id_ AND t.task_def_key_ = '$triage') AS routed,
        (SELECT min(o.timestamp_) FROM act_hi_op_log o JOIN act_hi_taskinst t ON t.id_ = o.task_id_
          WHERE t.proc_inst_id_ = p.id_ AND t.task_def_key_ = '$triage' AND o.operation_type_ = 'Claim') AS claimed,
        (SELECT max(t.end_time_) FROM act_hi_taskinst t WHERE t.proc_inst_id_ = p.id_ AND t.task_def_key_ = '$resolve') AS resolved
      FROM p),
d AS (SELECT 1 AS o, 'report-routed' AS step, extract(epoch FROM routed - reported) * 1000 AS ms FROM s
      UNION ALL SELECT 2, 'routed-claimed', extract(epoch FROM claimed - routed) * 1000 FROM s WHERE claimed IS NOT NULL
      UNION ALL SELECT 3, 'claimed-resolved', extract(epoch FROM resolved - coalesce(claimed, routed)) * 1000 FROM s
      UNION ALL SELECT 4, 'resolved-closed', extract(epoch FROM closed - resolved) * 1000 FROM s
      UNION ALL SELECT 5, 'report-closed', extract(epoch FROM closed - reported) * 1000 FROM s)
SELECT step, count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))
FROM d GROUP BY o, step ORDER BY o;
SQL
  python3 - "$OUT/$name-run.json" "$OUT/$name-steps.txt" "$j0" "$j1" "$p0" "$p1" "$OUT/$name.result" <<'PY'
import json, sys
run = json.load(open(sys.argv[1])); n = run["n"]
j0, j1, p0, p1 = map(float, sys.argv[3:7])
steps = {}
for line in open(sys.argv[2]):
    step, count, p50, p99 = line.split()
    steps[step] = {"n": int(count), "p50ms": int(float(p50)), "p99ms": int(float(p99))}
run.update({"jvmCpuSecPerLifecycle": round((j1 - j0) / n, 3), "pgCpuSecPerLifecycle": round((p1 - p0) / n, 3), "steps": steps})
json.dump(run, open(sys.argv[7], "w"))
PY
  kill $pid; wait $pid 2>/dev/null || true
}

side plain 18081 bench_lifecycle_plain http://127.0.0.1:18081/engine-rest/engine plain itil-bare Triage Resolve "$PJAR" --probe.hz.port=5801
side vigil 18082 bench_lifecycle_vigil http://127.0.0.1:18082/actuator/health vigil incident-management Task_Triage Task_Resolve "$VJAR" \
  --spring.profiles.active=demo

python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
sides = {name: json.load(open(f"{out}/{name}.result")) for name in ("plain", "vigil")}
print()
print(f"{'side':6} {'lc/s':>6} {'JVM s/lc':>9} {'PG s/lc':>8}   steps p50/p99 ms")
for name, r in sides.items():
    steps = "  ".join(f"{k} {v['p50ms']}/{v['p99ms']}" for k, v in r["steps"].items())
    print(f"{name:6} {r['lifecyclesPerSec']:6.1f} {r['jvmCpuSecPerLifecycle']:9.3f} {r['pgCpuSecPerLifecycle']:8.3f}   {steps}")
ratio = sides["vigil"]["lifecyclesPerSec"] / sides["plain"]["lifecyclesPerSec"]
print(f"ratio vigil / plain: {ratio:.2f}")
json.dump({"ratio": round(ratio, 2), **sides}, open(f"{out}/result.json", "w"), indent=1)
PY

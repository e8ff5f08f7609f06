#!/usr/bin/env bash
# test_slurm.sh — `polyalign batch` on a real Slurm: the job array of
# scripts/slurm/polyalign-batch.sbatch over 48 document sets in 4 tasks, merged, gives
# byte for byte the outputs of one process.
#
# Debian's slurm-wlm and munge are installed when missing (as root, with apt-get). munged,
# slurmctld and slurmd are started on this machine with a key, a socket, a single-node
# slurm.conf, state and spool folders and logs all in the test's scratch folder, on free
# ports (nothing system-wide is written, and another test run beside this one does not
# clash), and every daemon started is stopped at the end. Where the daemons cannot be
# installed or started (not root, no network for apt-get, a sandbox that forbids them),
# the test skips and says why.
source "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1479254400
slurm=$SCRATCH/slurm
pids=()

stop_daemons() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
  done
  pids=()
}
trap 'stop_daemons; rm -rf "$SCRATCH"' EXIT

# skip_all REASON: the one line of a test that cannot run here
skip_all() {
  skip "a Slurm job array over four shards, merged, equals one process" "$1"
  done_testing
  exit 0
}

# --- the daemons: installed when missing, started in the scratch folder ---
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  [[ $(id -u) -eq 0 ]] || skip_all "slurm-wlm and munge are not installed, and only root may install them"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -q --no-install-recommends slurm-wlm munge ||
      { apt-get update -q && apt-get install -y -q --no-install-recommends slurm-wlm munge; }; } >"$SCRATCH/apt.log" 2>&1 ||
    skip_all "apt-get could not install slurm-wlm and munge: $(tail -n 1 "$SCRATCH/apt.log")"
fi
[[ $(id -u) -eq 0 ]] || skip_all "slurmd must run as root to start jobs (run make check as root, as CI does)"
mkdir -p "$slurm/munge" "$slurm/state" "$slurm/spool"
chmod 700 "$slurm/munge"
head -c 1024 /dev/urandom >"$slurm/munge/munge.key"
chmod 400 "$slurm/munge/munge.key"
sock=$slurm/munge/munge.sock
munged --force --key-file="$slurm/munge/munge.key" --socket="$sock" --pid-file="$slurm/munge/munged.pid" \
  --log-file="$slurm/munge/munged.log" --seed-file="$slurm/munge/munged.seed" >"$slurm/munged.out" 2>&1 ||
  skip_all "munged does not start: $(tail -n 1 "$slurm/munged.out")"
for _ in $(seq 50); do [[ -s $slurm/munge/munged.pid ]] && break; sleep 0.1; done
pids+=("$(cat "$slurm/munge/munged.pid")")
read -r ctld_port slurmd_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
node=$(hostname -s)
cat >"$slurm/slurm.conf" <<EOF
ClusterName=polyalign-test
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
StateSaveLocation=$slurm/state
SlurmdSpoolDir=$slurm/spool
SlurmctldPidFile=$slurm/slurmctld.pid
SlurmdPidFile=$slurm/slurmd.pid
SlurmctldLogFile=$slurm/slurmctld.log
SlurmdLogFile=$slurm/slurmd.log
PlugStackConfig=$slurm/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
: >"$slurm/plugstack.conf"
export SLURM_CONF=$slurm/slurm.conf
slurmctld -D >"$slurm/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D >"$slurm/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ $(sinfo -h -o %t 2>/dev/null) == idle ]] && break; sleep 0.2; done
[[ $(sinfo -h -o %t 2>/dev/null) == idle ]] ||
  skip_all "slurmctld and slurmd do not bring the node up: $(tail -n 2 "$slurm/slurmctld.log" "$slurm/slurmd.log" 2>&1 | tr '\n' ' ')"
ok "munged, slurmctld and slurmd started from the scratch folder; the node is idle"

# --- the job array, and one process for comparison ---
sets=$SCRATCH/sets
python3 "$ROOT/scripts/make_batch_sets.py" wuzhen "$sets" 48 >/dev/null
[[ $(tail -n +2 "$sets/manifest.tsv" | wc -l) -ge 40 ]] && ok "a manifest of 48 document sets" || not_ok "48 sets" "$(wc -l <"$sets/manifest.tsv")"
run_ok batch "$sets/manifest.tsv" -o "$SCRATCH/one" -j 2 --presegmented -q
job=$(cd "$SCRATCH" && sbatch --parsable --array=0-3 --cpus-per-task=1 --output="$SCRATCH/task-%a.log" \
  --export=ALL,POLYALIGN="$POLYALIGN" "$ROOT/scripts/slurm/polyalign-batch.sbatch" "$sets/manifest.tsv" "$SCRATCH/arrayout" \
  --presegmented 2>&1)
[[ $job =~ ^[0-9]+$ ]] && ok "sbatch takes the array of four tasks" || not_ok "sbatch takes the array" "$job"
for _ in $(seq 600); do [[ -z $(squeue -h -j "$job" 2>/dev/null) ]] && break; sleep 0.5; done
states=$(scontrol show job "$job" 2>/dev/null | grep -o 'JobState=[A-Z]*' | sort | uniq -c | tr -s ' ')
[[ $states == " 4 JobState=COMPLETED" ]] && ok "the four tasks completed" ||
  not_ok "the four tasks completed" "$states" "$(tail -n 3 "$SCRATCH"/task-*.log 2>&1)"
[[ $(ls "$SCRATCH/arrayout"/report.*-of-4.jsonl 2>/dev/null | wc -l) -eq 4 ]] && grep -q "12 sets in" "$SCRATCH/task-2.log" &&
  ok "each task wrote its shard's report (12 sets) and its log" || not_ok "shard reports" "$(ls "$SCRATCH/arrayout")"
run_ok batch --merge "$SCRATCH/arrayout"
diffs=""
for f in all.tmx $(cd "$SCRATCH/one" && ls docs/*.tmx); do cmp -s "$SCRATCH/one/$f" "$SCRATCH/arrayout/$f" || diffs+=" $f"; done
no_timing() { sed -E 's/"seconds":[0-9.e+-]+,//; s/,"shard":"[0-9]+\/[0-9]+"//' "$1"; }
[[ -z $diffs ]] && cmp -s <(no_timing "$SCRATCH/one/report.jsonl") <(no_timing "$SCRATCH/arrayout/report.jsonl") &&
  ok "merged, the Slurm run's all.tmx, TMX files and report are byte for byte those of one process" ||
  not_ok "Slurm run equals one process" "differ:$diffs"

# a task lost (its report and one of its TMX files gone), submitted again alone
rm "$SCRATCH/arrayout/report.2-of-4.jsonl" "$SCRATCH/arrayout/all.tmx"
rm "$SCRATCH/arrayout/docs/$(sed -n 4p "$sets/manifest.tsv" | cut -f1).tmx"
run batch --merge "$SCRATCH/arrayout"
expect_err "without task 2's report the merge refuses" 65 "shard 2/4 is missing"
job=$(cd "$SCRATCH" && POLYALIGN_SHARDS=4 sbatch --parsable --array=2 --cpus-per-task=1 --output="$SCRATCH/again-%a.log" \
  --export=ALL,POLYALIGN="$POLYALIGN" "$ROOT/scripts/slurm/polyalign-batch.sbatch" "$sets/manifest.tsv" "$SCRATCH/arrayout" \
  --presegmented 2>&1)
for _ in $(seq 600); do [[ -z $(squeue -h -j "$job" 2>/dev/null) ]] && break; sleep 0.5; done
grep -q "1 aligned, 0 failed, 11 kept from an earlier run" "$SCRATCH/again-2.log" &&
  ok "task 2 submitted again alone (POLYALIGN_SHARDS=4) aligns only the set it lost" ||
  not_ok "task 2 again" "$(cat "$SCRATCH/again-2.log")"
run_ok batch --merge "$SCRATCH/arrayout"
check "merged again: the same all.tmx as one process" cmp "$SCRATCH/one/all.tmx" "$SCRATCH/arrayout/all.tmx"

started=("${pids[@]}")
stop_daemons
left=""
for p in "${started[@]}"; do kill -0 "$p" 2>/dev/null && left+=" $p"; done
[[ -z $left ]] && ok "every daemon started is stopped" || not_ok "every daemon started is stopped" "still running:$left"
done_testing

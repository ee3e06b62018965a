#!/usr/bin/env python3
"""Renders bench.py result JSON files (one per run) as a Markdown table; figures are medians over the runs."""
import json, statistics, sys


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, unit="", digits=2):
    if v is None:
        return "n/a"
    return f"{v:.{digits}f}{unit}" if isinstance(v, float) else f"{v}{unit}"


def by_op(runs, get, scale=lambda r: 1):
    """"op value, ..." medians over the runs of the {op: count} map get(run) (divided by scale(run))."""
    maps = [(r, get(r)) for r in runs if get(r) is not None]
    if not maps:
        return "n/a"
    ops = sorted({op for _, m in maps for op in m})
    return ", ".join(f"{op} {med([m.get(op, 0) / scale(r) for r, m in maps]):.2f}" for op in ops) or "none"


def deletion_rows(runs, n):
    """Rows of the deletion phase (medians over the runs that had one)."""
    dels = [r for r in runs if r.get("deletion")]
    if not dels:
        skipped = "not measured (--no-delete)"
        return [f"| MAAS calls per machine, deletion part (‡) | {skipped} | — |",
                f"| MAAS calls per machine, whole lifecycle (create part + deletion part) | {skipped} | ≤ 5 |"]
    d = lambda key: med([r["deletion"].get(key) for r in dels])
    del_ops = by_op(dels, lambda r: r["deletion"]["maas_by_op"], lambda r: r["machines"])
    create_part, total = med([r["lifecycle_calls_per_machine"] for r in dels]), med(
        [r["total_lifecycle_calls_per_machine"] for r in dels])
    methods = sorted({m for r in dels for m in r["deletion"]["kube_by_method"]})
    per_method = ", ".join(f"{m} {med([r['deletion']['kube_by_method'].get(m, 0) for r in dels]):.0f}"
                           for m in methods) or "none"
    audited = [r for r in dels if r["deletion"].get("kube_writes_by_resource") is not None]
    writes = sorted({k for r in audited for k in r["deletion"]["kube_writes_by_resource"]})
    per_write = ", ".join(f"{k} {med([r['deletion']['kube_writes_by_resource'].get(k, 0) for r in audited]) / n:.2f}"
                          for k in writes) or ("none" if audited else "n/a")
    partial = " (partial: a deletion did not converge)" if any(not r["deletion"]["converged"] for r in dels) else ""
    return [
        f"| Deleting the {n} Machine+MaasMachine pairs (client side) (‡) | {fmt(d('delete_seconds'), ' s')} | — |",
        f"| From the first delete until all MaasMachines gone / all Machines gone (‡) | "
        f"{fmt(d('gone_seconds'), ' s')} / {fmt(d('machines_gone_seconds'), ' s')} | — |",
        f"| From the first delete until MAAS accepted every release / every machine Ready again, unowned (‡) | "
        f"{fmt(d('release_accepted_seconds'), ' s')} / {fmt(d('released_seconds'), ' s')} | — |",
        f"| MAAS calls per machine, deletion part (every call, reads included) (‡) | "
        f"{fmt(d('maas_calls_per_machine'))} ({del_ops}){partial} | — |",
        f"| MAAS calls per machine, whole lifecycle = create part + deletion part | "
        f"{fmt(create_part)} + {fmt(d('maas_calls_per_machine'))} = {fmt(total)}{partial} | — |",
        f"| … of which calls on the machine itself / shared calls (batched poll lists, the cluster's DNS record) (§) | "
        f"{fmt(med([r['total_lifecycle_split_per_machine'][0] for r in dels]))} / "
        f"{fmt(med([r['total_lifecycle_split_per_machine'][1] for r in dels]))}{partial} | ≤ 5 / — |",
        f"| MAAS calls per machine by op, whole lifecycle without deploy polling | "
        f"{by_op(dels, lambda r: r['total_lifecycle_by_op_per_machine'])} | — |",
        f"| Kubernetes API calls (manager) during deletion, total / per machine | {fmt(d('kube_calls'), digits=0)} / "
        f"{fmt(d('kube_calls_per_machine'), digits=1)} ({per_method}) | — |",
        f"| Manager writes per machine during deletion, by verb and resource (sandbox audit) | {per_write} | — |",
        f"| Manager CPU seconds during deletion / peak RSS (VmHWM) after it | {fmt(d('cpu_seconds'), ' s')} / "
        f"{fmt(d('peak_rss_mb'), ' MB', 1)} | — |",
    ]


def main():
    runs = [json.load(open(p)) for p in sys.argv[1:]]
    r0 = runs[0]
    n, t = r0["machines"], r0["timings"]
    col = lambda key: med([r.get(key) for r in runs])
    idle = med([r["idle"].get("cpu_pct") for r in runs if r["idle"]])
    idle_s = med([r["idle"].get("seconds") for r in runs if r["idle"]])
    settle = med([r["idle"].get("settle_seconds", 0) for r in runs if r["idle"]]) or 0
    lists = [r["lists_window"] for r in runs if r["lists_window"]]
    list_rate = med([l[2] for l in lists]) if lists else None
    ops = sorted({op for r in runs for op in r["per_machine"]})
    per_op = ", ".join(f"{op} {med([r['per_machine'].get(op, 0) for r in runs]):.2f}" for op in ops)
    methods = sorted({m for r in runs for m in r["kube_by_method"]})
    per_method = ", ".join(f"{m} {med([r['kube_by_method'].get(m, 0) for r in runs]):.0f}" for m in methods)
    samp = r0["sim_sample_interval"]
    writes = sorted({k for r in runs for k in r.get("kube_writes_by_resource", {})})
    per_write = ", ".join(f"{k} {med([r.get('kube_writes_by_resource', {}).get(k, 0) for r in runs]) / n:.2f}"
                          for k in writes) or "n/a"

    ready = med([r["ready"] for r in runs])
    failed = [(i + 1, r["deletion"]["failure"]) for i, r in enumerate(runs)
              if r.get("deletion") and not r["deletion"]["converged"]]
    lines = [
        f"### {n} machines, {t} deploy — {r0['label']} ({len(runs)} run{'s' if len(runs) > 1 else ''}, medians)",
        "",
    ] + [f"**DELETION DID NOT CONVERGE in run {i}: {why}** (its deletion figures are partial)" for i, why in failed] + (
        [""] if failed else []) + [
        "| Measure | Value | Target |",
        "|---|---|---|",
        f"| Machines Ready | {fmt(ready, digits=0)} / {n} | all |",
        f"| Creating the {n} Machine+MaasMachine pairs (client side) | {fmt(col('create_seconds'), ' s')} | — |",
        f"| Time until all Ready (from first create) | {fmt(col('ready_seconds'), ' s')} | "
        + ("≤ 30 s for 1000 (instant)" if t == "instant" else "—") + " |",
        f"| MaasMachine created → Ready, p50 / p99 | {fmt(col('create_to_ready_p50'), ' s')} / "
        f"{fmt(col('create_to_ready_p99'), ' s')} | — |",
        f"| MaasMachine created → MAAS allocate, first / p50 / p99 (*) | {fmt(col('alloc_first'), ' s')} / "
        f"{fmt(col('alloc_p50'), ' s')} / {fmt(col('alloc_p99'), ' s')} | — |",
        f"| MAAS Deployed → Ready=True, p50 / p99 (*) | {fmt(col('deployed_ready_p50'), ' s')} / "
        f"{fmt(col('deployed_ready_p99'), ' s')} | ≤ 2 s p99 |",
        f"| MAAS calls per machine, create → Ready part, without deploy polling (†) | "
        f"{fmt(col('lifecycle_calls_per_machine'))} ({by_op(runs, lambda r: r.get('lifecycle_by_op_per_machine'))}) | "
        f"≤ 5 with the deletion part |",
        f"| MAAS deploy-polling calls per machine (poll lists + per-machine reads) (†) | "
        f"{fmt(col('deploy_poll_calls_per_machine'))} | — |",
        f"| MAAS calls per machine by op | {per_op} | — |",
        f"| MAAS poll list calls per 1 s poll interval while deploying (†) | {fmt(list_rate)} | 1 |",
        f"| Kubernetes API calls (manager) total / per machine | {fmt(col('kube_calls'), digits=0)} / "
        f"{fmt(col('kube_calls_per_machine'), digits=1)} ({per_method}) | — |",
        f"| Manager writes per machine, management cluster, by verb and resource (sandbox audit, whole run) | "
        f"{per_write} | — |",
        f"| Manager peak RSS (VmHWM) | {fmt(col('peak_rss_mb'), ' MB', 1)} | ≤ 60 MB |",
        f"| Manager CPU seconds, create → all Ready | {fmt(col('cpu_seconds_run'), ' s')} | — |",
        f"| Sandbox process CPU seconds (API servers + simulator + Cluster API stand-in), create → all Ready | "
        f"{fmt(col('sandbox_cpu_seconds_run'), ' s')} | — |",
        f"| Machine load average (1 min) at the end of the run (other builds share the cores) | {fmt(col('loadavg_1m'))} | — |",
    ] + deletion_rows(runs, n) + [
        f"| Manager idle CPU over {fmt(idle_s, ' s', 0)}, starting {settle:g} s after all Ready | {fmt(idle, ' %', 2)} | ≤ 1 % |",
        f"| Calls while idle over {fmt(idle_s, ' s', 0)}: MAAS / Kubernetes (manager) | "
        f"{fmt(med([r['idle'].get('maas_calls') for r in runs if r['idle']]), digits=0)} / "
        f"{fmt(med([r['idle'].get('kube_calls') for r in runs if r['idle']]), digits=0)} | — |",
        "",
        f"(*) The simulator does not record when it allocated or deployed a machine: those instants are sampled from "
        f"/_sim/state every {samp:g} s (first sample showing agent_name set / status Deployed); creation and Ready "
        f"are the harness's local receive times of the watch events. So these latencies carry ±{samp:g} s of sampling error.",
        "",
        "(†) The simulator counts calls by op (`machines.read` = list, `machine.read` = one machine) and machine lists by "
        "filter: agent_name-filtered lists (the crash-safe adoption lookup, made only after an allocate whose outcome "
        "was not recorded, and ownership confirmations) count as lifecycle; id-filtered lists are the batched poll; "
        "per-machine reads follow the poll's wake-ups. Create → Ready part = "
        "allocate + set_workload_annotations + update (swap) + deploy + any agent-name lookups + the machine's share of "
        "the cluster's DNS calls.",
        "",
        "(‡) Deletion phase, after the idle window: the harness DELETEs each Machine, then its MaasMachine (same client "
        "threads as creation), and waits until every MaasMachine and Machine is gone (watch DELETED events, confirmed "
        "by a list) and `/_sim/state` shows every machine not held before the bench Ready again, unowned and without "
        "agent_name (\"accepted\": none carries an agent_name or sits outside Ready/Releasing/Disk erasing). Then it "
        "waits max(1 s, 2 poll intervals) so trailing calls count. Every MAAS call in that window counts, reads "
        "included: the agent-name lookups, the releases, and also the batched poll's lists "
        "that answer deleting machines' ownership reads (the create part sets the poll apart for deploying machines; "
        "here it counts). The Cluster and MaasCluster stay.",
        "",
        "(§) The whole lifecycle split: calls on one machine (allocate, set_workload_annotations, update, deploy, "
        "release, single-machine reads, agent-name lookups) against calls shared by all machines (the batched poll's "
        "id-filtered lists, the cluster's DNS record calls), whose share per machine shrinks as the machine count grows.",
        "",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()

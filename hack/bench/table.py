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
    lines = [
        f"### {n} machines, {t} deploy — {r0['label']} ({len(runs)} run{'s' if len(runs) > 1 else ''}, medians)",
        "",
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
        f"| MAAS calls per machine, lifecycle without deploy polling (†) | {fmt(col('lifecycle_calls_per_machine'))} | ≤ 5 |",
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
        f"| Manager idle CPU over {fmt(idle_s, ' s', 0)}, starting {settle:g} s after all Ready | {fmt(idle, ' %', 2)} | ≤ 1 % |",
        f"| Calls while idle over {fmt(idle_s, ' s', 0)}: MAAS / Kubernetes (manager) | "
        f"{fmt(med([r['idle'].get('maas_calls') for r in runs if r['idle']]), digits=0)} / "
        f"{fmt(med([r['idle'].get('kube_calls') for r in runs if r['idle']]), digits=0)} | — |",
        "",
        f"(*) The simulator does not record when it allocated or deployed a machine: those instants are sampled from "
        f"/_sim/state every {samp:g} s (first sample showing agent_name set / status Deployed); creation and Ready "
        f"are the harness's local receive times of the watch events. So these latencies carry ±{samp:g} s of sampling error.",
        "",
        "(†) The simulator counts calls by op only (`machines.read` = list, `machine.read` = one machine). Derived split: "
        "each allocate is preceded by one agent_name-filtered list (the crash-safe adoption lookup, counted as lifecycle); "
        "the other lists are the batched deploy poll; per-machine reads follow the poll's wake-ups. Lifecycle = "
        "allocate + adoption lookup + set_workload_annotations + update (swap) + deploy + the machine's share of the "
        "cluster's DNS calls.",
        "",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()

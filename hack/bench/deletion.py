"""Deletion phase of the scale benchmark (see hack/bench/README.md): deletes every Machine and MaasMachine the bench
created, waits until they are gone and MAAS shows every machine released, and measures the calls it took.

Imported by bench.py; the caller passes in what this phase reads (clients, watchers, probes), so it depends on no
bench.py internals.
"""
import time
from concurrent.futures import ThreadPoolExecutor

# MAAS states in which a release has been accepted (the machine is on its way back to Ready).
RELEASE_ACCEPTED = ("Ready", "Releasing", "Disk erasing")


def busy_system_ids(state):
    """System IDs MAAS holds before the bench starts (anything not Ready, or owned): not the bench's to release."""
    return {m["system_id"] for m in state.get("machines", [])
            if m.get("status_name") != "Ready" or m.get("owner") or m.get("agent_name")}


def held(state, baseline):
    """Machines still held since the bench started: not Ready, owned, or carrying an agent name."""
    return [m for m in state.get("machines", []) if m["system_id"] not in baseline
            and (m.get("status_name") != "Ready" or m.get("owner") or m.get("agent_name"))]


def unreleased(state, baseline):
    """Held machines whose release MAAS has not accepted yet (release clears the agent name at once)."""
    return [m for m in held(state, baseline)
            if m.get("agent_name") or m.get("status_name") not in RELEASE_ACCEPTED]


def safely(read, fallback=None):
    """A final reading that may be gone (the manager exited): the fallback instead of an exception."""
    try:
        return read()
    except Exception:
        return fallback


def counter_delta(after, before):
    """Per-key increase of a counter map (keys that did not change are left out)."""
    return {k: v - before.get(k, 0) for k, v in sorted(after.items()) if v != before.get(k, 0)}


class Probes:
    """What the phase reads, supplied by bench.py.

    sim_state() -> /_sim/state JSON; kube_calls() -> {method: count} of the manager's Kubernetes calls so far;
    manager_cpu() -> seconds; manager_exit() -> None while running, else the exit code; audit_writes() -> {"verb
    resource": count} of the manager's writes so far (or None when unavailable).
    """

    def __init__(self, sim_state, kube_calls, manager_cpu, manager_exit, audit_writes):
        self.sim_state, self.kube_calls, self.manager_cpu = sim_state, kube_calls, manager_cpu
        self.manager_exit, self.audit_writes = manager_exit, audit_writes


def gone_time(watcher, lister, now):
    """When every object the watcher saw was deleted: the last DELETED event's local time, confirmed by an empty
    list (the list's time if the watch missed some DELETED events); None while any is left."""
    with watcher.lock:
        left = set(watcher.added) - set(watcher.deleted)
        last = max(watcher.deleted.values()) if watcher.deleted else None
    if left and now - watcher.last_relist_check < 5:
        return None
    watcher.last_relist_check = now
    if lister() != 0:
        return None
    return last if not left and last is not None else now


def run(kube, names, paths, maasmachines, machines, probes, baseline, n, workers, timeout, sample, tail):
    """Deletes the pairs and waits; returns the figures (with `converged` False and a `failure` text on timeout).

    paths: (machines collection path, maasmachines collection path); maasmachines / machines: the watchers.
    """
    machines_path, maasmachines_path = paths
    st0 = probes.sim_state()
    calls0, kube0, cpu0, audit0 = st0.get("call_counts", {}), probes.kube_calls(), probes.manager_cpu(), probes.audit_writes()
    held0 = len(held(st0, baseline))
    errors = []

    def delete(name):
        # Cluster API order: the Machine first, then its infrastructure machine (404: already gone, e.g. collected).
        for path in (machines_path, maasmachines_path):
            code, body = kube.request("DELETE", f"{path}/{name}")
            if code not in (200, 202, 404):
                errors.append(f"delete {path.rsplit('/', 1)[-1]} {name}: {code} {body}")

    def count(path, limit="?limit=1"):
        code, body = kube.request("GET", path + limit)
        return len((body or {}).get("items", [])) if code == 200 else -1

    t0 = time.time()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(delete, names))
    t_deleted = time.time()
    for w in (maasmachines, machines):
        w.last_relist_check = 0.0
    t_gone = t_machines_gone = t_accepted = t_released = None
    failure, state = None, st0
    while True:
        now = time.time()
        code = probes.manager_exit()
        if code is not None:
            failure = f"the manager exited with {code} during deletion"
            break
        if t_gone is None:
            t_gone = gone_time(maasmachines, lambda: count(maasmachines_path), now)
        if t_machines_gone is None:
            t_machines_gone = gone_time(machines, lambda: count(machines_path), now)
        state = probes.sim_state()
        seen = time.time()
        if t_accepted is None and not unreleased(state, baseline):
            t_accepted = seen
        if t_released is None and not held(state, baseline):
            t_released = seen
        if None not in (t_gone, t_machines_gone, t_accepted, t_released):
            break
        if now - t0 > timeout:
            break
        time.sleep(sample)
    converged = failure is None and None not in (t_gone, t_machines_gone, t_accepted, t_released) and not errors
    left = {
        "maasmachines": count(maasmachines_path, "") if t_gone is None else 0,
        "machines": count(machines_path, "") if t_machines_gone is None else 0,
        "maas_held": len(held(state, baseline)), "maas_unreleased": len(unreleased(state, baseline)),
    }
    if not converged and failure is None:
        failure = "; ".join(errors[:3]) if errors else (
            f"deletion did not converge within {timeout:g} s: {left['maasmachines']} MaasMachines and "
            f"{left['machines']} Machines left, MAAS still holds {left['maas_held']} machines "
            f"({left['maas_unreleased']} not even releasing)")
    if converged:
        time.sleep(tail)  # calls that trail the last finalizer removal still count
    st1 = probes.sim_state()
    calls = counter_delta(st1.get("call_counts", {}), calls0)
    kube1, cpu1 = safely(probes.kube_calls), safely(probes.manager_cpu)
    kube_by_method = counter_delta(kube1, kube0) if kube1 is not None else {}
    audit1 = probes.audit_writes()
    since = lambda t: (t - t0) if t is not None else None
    return {
        "converged": converged, "failure": failure, "errors": errors[:20], "left": left,
        "maas_held_at_start": held0, "timeout": timeout,
        "delete_seconds": t_deleted - t0, "gone_seconds": since(t_gone), "machines_gone_seconds": since(t_machines_gone),
        "release_accepted_seconds": since(t_accepted), "released_seconds": since(t_released),
        "maas_by_op": calls, "maas_calls": sum(calls.values()), "maas_calls_per_machine": sum(calls.values()) / n,
        "maas_lists_by_filter": counter_delta(st1.get("list_counts", {}), st0.get("list_counts", {})),
        "kube_by_method": kube_by_method, "kube_calls": sum(kube_by_method.values()) if kube1 is not None else None,
        "kube_calls_per_machine": sum(kube_by_method.values()) / n if kube1 is not None else None,
        "kube_writes_by_resource": counter_delta(audit1, audit0) if audit0 is not None and audit1 is not None else None,
        "cpu_seconds": cpu1 - cpu0 if cpu1 is not None else None,
    }

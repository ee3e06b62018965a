#!/usr/bin/env python3
"""Checks the chaos invariants from the simulator's /_sim/state and `kubectl get maasmachines -o json`.

- no MAAS machine owned (allocated/deploying/deployed) without a live MaasMachine whose UID is its agent_name
- no MaasMachine with two MAAS machines (agent_name counts over owned machines)
- every wanted MaasMachine exists, is Ready=True and has exactly one Deployed MAAS machine
- every other MaasMachine is gone and its MAAS machine released (Ready, no owner)
- no MAAS machine recorded by two live MaasMachines (spec.systemID), and no Ready MaasMachine whose recorded
  machine is not Deployed under its own agent_name (the "two MaasMachines on one machine" double allocation:
  agent_name counts alone cannot see it, because a MAAS machine carries one agent_name)
Prints the counts; exits 1 on any violation.
"""
import argparse, collections, json, sys

p = argparse.ArgumentParser()
p.add_argument("--sim", required=True)
p.add_argument("--maasmachines", required=True)
p.add_argument("--desired", required=True, help="file with one wanted MaasMachine name per line")
p.add_argument("--created", type=int, default=0, help="MaasMachines created during the run (for the counts)")
p.add_argument("--quiet", action="store_true", help="no output; exit status only (convergence polling)")
p.add_argument("--max-calls-per-machine", type=float, default=0, help="bound on MAAS API calls per created machine")
p.add_argument("--max-allocate-per-machine", type=float, default=0, help="bound on machines.allocate per created machine")
a = p.parse_args()

sim = json.load(open(a.sim))
mms = json.load(open(a.maasmachines))["items"]
desired = {l.strip() for l in open(a.desired) if l.strip()}

by_name = {m["metadata"]["name"]: m for m in mms}
live_uids = {m["metadata"]["uid"]: m["metadata"]["name"] for m in mms}
owned = [m for m in sim["machines"] if m.get("owner")]
per_agent = collections.Counter(m["agent_name"] for m in owned)
violations = []

for m in owned:
    if m["agent_name"] not in live_uids:
        violations.append(f"leak: MAAS machine {m['system_id']} ({m['status_name']}) owned with agent_name "
                          f"'{m['agent_name']}' but no live MaasMachine has that UID")
for uid, n in per_agent.items():
    if n > 1:
        violations.append(f"double allocation: MaasMachine {live_uids.get(uid, uid)} holds {n} MAAS machines")

sim_by_id = {m["system_id"]: m for m in sim["machines"]}
holders = collections.defaultdict(list)
for m in mms:
    sid = (m.get("spec") or {}).get("systemID")
    if sid:
        holders[sid].append(m["metadata"]["name"])
shared = {sid: names for sid, names in holders.items() if len(names) > 1}
for sid, names in sorted(shared.items()):
    x = sim_by_id.get(sid, {})
    violations.append(f"shared machine: MAAS machine {sid} ({x.get('status_name')}, agent_name '{x.get('agent_name')}') "
                      f"is recorded by {len(names)} MaasMachines {sorted(names)}")

def ready(m):
    return any(c.get("type") == "Ready" and c.get("status") == "True" for c in m.get("status", {}).get("conditions", []))

not_ready = []
for name in sorted(desired):
    m = by_name.get(name)
    if m is None:
        violations.append(f"missing: wanted MaasMachine {name} does not exist"); continue
    if not ready(m):
        not_ready.append(name)
    machines = [x for x in owned if x["agent_name"] == m["metadata"]["uid"]]
    if len(machines) != 1 or machines[0]["status_name"] != "Deployed":
        violations.append(f"not deployed: {name} has MAAS machines {[(x['system_id'], x['status_name']) for x in machines]}")
wrong_machine = []
for m in mms:
    sid = (m.get("spec") or {}).get("systemID")
    if not ready(m) or not sid:
        continue
    x = sim_by_id.get(sid)
    if x is None or x.get("agent_name") != m["metadata"]["uid"] or x.get("status_name") != "Deployed":
        wrong_machine.append(m["metadata"]["name"])
        violations.append(f"ready on a machine not its own: {m['metadata']['name']} records {sid} "
                          f"({(x or {}).get('status_name')}, agent_name '{(x or {}).get('agent_name')}')")
if not_ready:
    violations.append(f"not Ready: {len(not_ready)} wanted MaasMachines, e.g. {not_ready[:5]}")
extra = sorted(set(by_name) - desired)
if extra:
    violations.append(f"not deleted: {len(extra)} MaasMachines that should be gone, e.g. {extra[:5]}")

statuses = collections.Counter(m["status_name"] for m in sim["machines"])
calls = sim.get("call_counts", {})
total_calls = sum(calls.values())
created = max(a.created, 1)
if a.max_calls_per_machine and total_calls / created > a.max_calls_per_machine:
    violations.append(f"hot loop? {total_calls / created:.1f} MAAS calls per machine > {a.max_calls_per_machine}")
allocs = calls.get("machines.allocate", 0)
if a.max_allocate_per_machine and allocs / created > a.max_allocate_per_machine:
    violations.append(f"{allocs / created:.2f} allocate calls per machine > {a.max_allocate_per_machine}")

if not a.quiet:
    released = sum(1 for m in sim["machines"] if m["status_name"] == "Ready" and not m.get("owner"))
    print(f"counts: created={a.created} wanted={len(desired)} deleted={a.created - len(desired) if a.created else '?'} "
          f"maasmachines={len(mms)} ready={len(desired) - len(not_ready)} owned_maas_machines={len(owned)} "
          f"released_or_free={released} leaks={sum(1 for m in owned if m['agent_name'] not in live_uids)} "
          f"double_allocations={sum(1 for n in per_agent.values() if n > 1)} shared_machines={len(shared)} "
          f"ready_on_foreign_machine={len(wrong_machine)}")
    print("maas machine states: " + ", ".join(f"{k}={v}" for k, v in sorted(statuses.items())))
    print(f"maas calls: total={total_calls} per_created_machine={total_calls / created:.1f}")
    for op, n in sorted(calls.items(), key=lambda kv: -kv[1]):
        print(f"  {op:<32} {n:>7}  {n / created:6.2f}/machine")
    for v in violations[:30]:
        print("VIOLATION: " + v)
sys.exit(1 if violations else 0)

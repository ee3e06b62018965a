#!/usr/bin/env python3
"""Scale benchmark of the capmaas manager against `capmaas-sandbox` (see hack/bench/README.md).

Starts the sandbox (API server + MAAS simulator + Cluster API stand-in, no controller) and the manager as a
separate process, creates one Cluster/MaasCluster and N Machine/MaasMachine pairs, and measures time to Ready,
MAAS and Kubernetes calls, per-machine latencies, the manager's peak RSS and CPU, and its idle CPU.
Not a test: figures only, printed as a Markdown table and written to hack/out/bench/.
"""
import argparse, base64, http.client, json, os, re, signal, socket, ssl, statistics, subprocess, sys, tempfile
import threading, time
from concurrent.futures import ThreadPoolExecutor

import deletion

NS = "bench"
CAPI = "/apis/cluster.x-k8s.io/v1beta2/namespaces/" + NS
INFRA = "/apis/infrastructure.cluster.x-k8s.io/v1beta1/namespaces/" + NS
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values, p):
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


class Kube:
    """Minimal client for the sandbox API server (token auth, CA from the kubeconfig)."""

    def __init__(self, kubeconfig):
        text = open(kubeconfig).read()
        self.server = re.search(r"server:\s*(\S+)", text).group(1)
        self.token = re.search(r"token:\s*(\S+)", text).group(1).strip('"')
        ca = re.search(r"certificate-authority-data:\s*(\S+)", text)
        self.ctx = ssl.create_default_context(cadata=base64.b64decode(ca.group(1)).decode()) if ca else None
        m = re.match(r"(https?)://([^:/]+):(\d+)", self.server)
        self.https, self.host, self.port = m.group(1) == "https", m.group(2), int(m.group(3))
        self.local = threading.local()

    def conn(self, timeout=30):
        if self.https:
            return http.client.HTTPSConnection(self.host, self.port, context=self.ctx, timeout=timeout)
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, body=None):
        c = getattr(self.local, "c", None)
        for attempt in range(3):
            if c is None:
                c = self.local.c = self.conn()
            try:
                data = json.dumps(body).encode() if body is not None else None
                c.request(method, path, body=data, headers={"Authorization": "Bearer " + self.token,
                                                            "Content-Type": "application/json"})
                r = c.getresponse()
                payload = r.read()
                return r.status, (json.loads(payload) if payload else None)
            except (OSError, http.client.HTTPException):
                c.close()
                c = self.local.c = None
                if attempt == 2:
                    raise
                time.sleep(0.2)


def sim_get(sim, path, method="GET"):
    c = http.client.HTTPConnection("127.0.0.1", sim, timeout=60)
    c.request(method, path)
    r = c.getresponse()
    data = r.read()
    c.close()
    return json.loads(data) if data and path.endswith("state") else data


def proc_cpu(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def proc_status(pid, key):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])  # kB
    return None


def metrics(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/metrics")
    text = c.getresponse().read().decode()
    out = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name_labels, _, value = line.rpartition(" ")
        try:
            out[name_labels] = float(value)
        except ValueError:
            pass
    return out


def metric_sum(ms, name, label_filter=""):
    return sum(v for k, v in ms.items() if k.split("{")[0] == name and label_filter in k)


def kube_calls_by_method(ms):
    """The manager's Kubernetes API calls so far, by HTTP method (rest_client_requests_total)."""
    out = {}
    for k, v in ms.items():
        if k.startswith("rest_client_requests_total{"):
            meth = re.search(r'method="([A-Z]+)"', k).group(1)
            out[meth] = out.get(meth, 0) + v
    return out


AUDIT_CAP = 100_000  # the sandbox keeps the last 100,000 audit entries


def audit_writes(kube):
    """Writes so far from one read of the sandbox's audit log: the manager's by "verb resource", and every writer's
    by "user-agent verb resource" ((None, None) if unreadable or capped)."""
    try:
        code, body = kube.request("GET", "/sandbox/v1/audit")
    except (OSError, http.client.HTTPException, ValueError):
        return None, None
    items = (body or {}).get("items", []) if code == 200 else None
    if items is None or len(items) >= AUDIT_CAP:
        return None, None
    manager, everyone = {}, {}
    for e in items:
        agent = e.get("userAgent") or ""
        k = f"{e.get('verb')} {e.get('resource')}"
        if agent.startswith("capmaas-controller-manager"):
            manager[k] = manager.get(k, 0) + 1
        k = f"{agent.split(' ')[0]} {k}"
        everyone[k] = everyone.get(k, 0) + 1
    return manager, everyone


def objects(n):
    labels = {"cluster.x-k8s.io/cluster-name": "bench"}
    cluster = {"apiVersion": "cluster.x-k8s.io/v1beta2", "kind": "Cluster", "metadata": {"name": "bench"},
               "spec": {"clusterNetwork": {"apiServerPort": 6443},
                        "infrastructureRef": {"apiGroup": "infrastructure.cluster.x-k8s.io", "kind": "MaasCluster",
                                              "name": "bench"}}}
    maascluster = {"apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "MaasCluster",
                   "metadata": {"name": "bench"}, "spec": {"dnsDomain": "maas"}}
    pairs = []
    for i in range(n):
        name = f"m-{i:05d}"
        lab = dict(labels, **({"cluster.x-k8s.io/control-plane": ""} if i == 0 else {}))
        machine = {"apiVersion": "cluster.x-k8s.io/v1beta2", "kind": "Machine",
                   "metadata": {"name": name, "labels": lab},
                   "spec": {"clusterName": "bench", "version": "v1.33.1",
                            "infrastructureRef": {"apiGroup": "infrastructure.cluster.x-k8s.io",
                                                  "kind": "MaasMachine", "name": name}}}
        maasmachine = {"apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "MaasMachine",
                       "metadata": {"name": name, "labels": lab},
                       "spec": {"image": "ubuntu/jammy", "minCPU": 2, "minMemory": 4096}}
        pairs.append((machine, maasmachine))
    return cluster, maascluster, pairs


class Watcher(threading.Thread):
    """Watches one collection; records local receive time of ADDED, of the first Ready=True and of DELETED per UID."""

    def __init__(self, kube, path=INFRA + "/maasmachines"):
        super().__init__(daemon=True)
        self.kube, self.path, self.added, self.ready, self.names, self.deleted = kube, path, {}, {}, {}, {}
        self.lock, self.stop, self.last_relist_check = threading.Lock(), False, 0.0

    def handle(self, obj, now):
        uid = obj["metadata"]["uid"]
        with self.lock:
            self.added.setdefault(uid, now)
            self.names[uid] = obj["metadata"]["name"]
            conds = (obj.get("status") or {}).get("conditions") or []
            if uid not in self.ready and any(c.get("type") == "Ready" and c.get("status") == "True" for c in conds):
                self.ready[uid] = now

    def relisted(self, items, now):
        """A fresh list: objects seen before and missing from it were deleted while the watch was down."""
        present = {o["metadata"]["uid"] for o in items}
        with self.lock:
            for uid in self.added:
                if uid not in present:
                    self.deleted.setdefault(uid, now)

    def run(self):
        rv = None
        while not self.stop:
            try:
                if rv is None:
                    _, lst = self.kube.request("GET", self.path)
                    now = time.time()
                    items = (lst or {}).get("items", [])
                    for o in items:
                        self.handle(o, now)
                    self.relisted(items, now)
                    rv = ((lst or {}).get("metadata") or {}).get("resourceVersion", "")
                c = self.kube.conn(timeout=600)
                c.request("GET", self.path + f"?watch=true&resourceVersion={rv}&allowWatchBookmarks=true",
                          headers={"Authorization": "Bearer " + self.kube.token})
                r = c.getresponse()
                if r.status != 200:
                    rv = None
                    r.read()
                    time.sleep(0.2)
                    continue
                for line in r:
                    if self.stop:
                        return
                    ev = json.loads(line)
                    if ev["type"] == "ERROR":
                        rv = None
                        break
                    rv = ev["object"]["metadata"].get("resourceVersion", rv)
                    if ev["type"] in ("ADDED", "MODIFIED"):
                        self.handle(ev["object"], time.time())
                    elif ev["type"] == "DELETED":
                        with self.lock:
                            self.deleted.setdefault(ev["object"]["metadata"]["uid"], time.time())
            except (OSError, http.client.HTTPException, ValueError):
                time.sleep(0.2)


def lifecycle_split(by_op, agent_lists, n):
    """(per-machine calls, shared calls) per machine: calls on one machine (machine.*, allocate, agent-name lookups)
    vs. calls shared by many (id-filtered machine lists of the batched poll, the cluster's DNS record)."""
    shared = sum(c for op, c in by_op.items() if op.startswith("dnsresource")) + by_op.get("machines.read", 0) - agent_lists
    return ((sum(by_op.values()) - shared) / n, shared / n)


def agent_name_lists(list_counts):
    """Machine lists filtered by agent_name (alone or with ids), from the simulator's list_counts."""
    return sum(c for filters, c in list_counts.items() if "agent_name" in filters.split("+"))


class SimPoller(threading.Thread):
    """Samples /_sim/state: first time each agent_name is seen allocated and Deployed, plus call-count series."""

    def __init__(self, sim, interval):
        super().__init__(daemon=True)
        self.sim, self.interval = sim, interval
        self.allocated, self.deployed, self.series, self.stop, self.samples = {}, {}, [], False, 0

    def run(self):
        while not self.stop:
            t0 = time.time()
            try:
                st = sim_get(self.sim, "/_sim/state")
            except (OSError, http.client.HTTPException, ValueError):
                time.sleep(self.interval)
                continue
            now = time.time()
            self.samples += 1
            self.series.append((now, dict(st.get("call_counts", {})), dict(st.get("list_counts", {}))))
            for m in st.get("machines", []):
                agent = m.get("agent_name") or ""
                if not agent:
                    continue
                self.allocated.setdefault(agent, now)
                if m.get("status_name") == "Deployed":
                    self.deployed.setdefault(agent, now)
            time.sleep(max(0.0, self.interval - (time.time() - t0)))


def wait_for(pred, timeout, what):
    end = time.time() + timeout
    while time.time() < end:
        try:
            if pred():
                return
        except Exception:
            pass
        time.sleep(0.1)
    raise SystemExit(f"timed out waiting for {what}")


def stop_process(p):
    if p.poll() is None:
        p.send_signal(signal.SIGINT)
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True, help="capmaas-sandbox (the sandbox without controller)")
    ap.add_argument("--manager-binary", default="",
                    help="capmaas of another build for the manager (before/after comparisons); default: capmaas next to --binary")
    ap.add_argument("--label", default="")
    ap.add_argument("--root", required=True)
    ap.add_argument("--machines", type=int, default=100)
    ap.add_argument("--timings", default="instant", choices=["instant", "realistic"])
    ap.add_argument("--idle-seconds", type=float, default=60)
    ap.add_argument("--sim-sample", type=float, default=0.25)
    ap.add_argument("--prebootstrap", action="store_true",
                    help="create bootstrap Secrets and owner references up front (takes the Cluster API stand-in "
                         "off each machine's critical path, as a real bootstrap provider would have done)")
    ap.add_argument("--settle-seconds", type=float, default=0, help="wait after all Ready before the idle window")
    ap.add_argument("--create-workers", type=int, default=8)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--poll-interval", type=float, default=1.0)
    ap.add_argument("--manager-args", default="", help="extra manager flags")
    ap.add_argument("--no-delete", action="store_true",
                    help="skip the deletion phase (delete every Machine/MaasMachine, wait until MAAS released all)")
    ap.add_argument("--delete-timeout", type=float, default=None, help="deletion phase timeout (default: --timeout)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    n, work = a.machines, tempfile.mkdtemp(prefix="capmaas-bench-")
    kubeconfig = os.path.join(work, "kubeconfig")
    sim_port, kube_port, metrics_port = free_port(), free_port(), free_port()
    spare = max(5, n // 10)
    sandbox = subprocess.Popen(
        [a.binary, "--no-controller", "--timings", a.timings, "--machines", str(n + spare),
         "--kubeconfig", kubeconfig, "--port", str(kube_port), "--maas-port", str(sim_port),
         "--crds", os.path.join(a.root, "crds"), "--crds", os.path.join(a.root, "crds/capi-standin")],
        cwd=work, stdout=open(os.path.join(work, "sandbox.log"), "w"), stderr=subprocess.STDOUT)
    manager = None
    try:
        wait_for(lambda: os.path.exists(kubeconfig) and sim_get(sim_port, "/_sim/state") is not None, 60, "sandbox")
        kube = Kube(kubeconfig)
        wait_for(lambda: kube.request("GET", "/api/v1/namespaces/capmaas-system/secrets/"
                                      "capmaas-manager-bootstrap-credentials")[0] == 200, 60, "credentials Secret")
        sim_get(sim_port, "/_sim/reset-counters", "POST")
        baseline = deletion.busy_system_ids(sim_get(sim_port, "/_sim/state"))  # held before the bench: not ours
        manager = subprocess.Popen(
            [a.manager_binary or os.path.join(os.path.dirname(a.binary), "capmaas"), "manager", "--kubeconfig", kubeconfig, "--maas-poll-interval", f"{a.poll_interval:g}s",
             "--maasmachine-concurrency", "20", "--health-addr", "127.0.0.1:0",
             "--metrics-bind-addr", f"127.0.0.1:{metrics_port}"] + a.manager_args.split(),
            cwd=work, stdout=open(os.path.join(work, "manager.log"), "w"), stderr=subprocess.STDOUT)
        wait_for(lambda: metrics(metrics_port) is not None, 60, "manager /metrics")
        time.sleep(1)
        m0, cpu0, sandbox_cpu0 = metrics(metrics_port), proc_cpu(manager.pid), proc_cpu(sandbox.pid)

        watcher, poller = Watcher(kube), SimPoller(sim_port, a.sim_sample)
        machine_watcher = Watcher(kube, CAPI + "/machines")
        kube.request("POST", "/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace",
                                                      "metadata": {"name": NS}})
        watcher.start()
        machine_watcher.start()
        poller.start()
        time.sleep(0.5)
        cluster, maascluster, pairs = objects(n)
        t_start = time.time()
        for path, obj in ((CAPI + "/clusters", cluster), (INFRA + "/maasclusters", maascluster)):
            code, body = kube.request("POST", path, obj)
            assert code in (200, 201), (code, body)

        def create(pair):
            machine, maasmachine = pair
            name = machine["metadata"]["name"]
            if a.prebootstrap:
                secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name + "-bootstrap"},
                          "type": "cluster.x-k8s.io/secret",
                          "data": {"value": base64.b64encode(b"#cloud-config\n").decode(),
                                   "format": base64.b64encode(b"cloud-config").decode()}}
                code, body = kube.request("POST", f"/api/v1/namespaces/{NS}/secrets", secret)
                if code not in (200, 201):
                    raise RuntimeError(f"create secret {name}: {code} {body}")
                machine = dict(machine, spec=dict(machine["spec"], bootstrap={"dataSecretName": name + "-bootstrap"}))
            code, body = kube.request("POST", CAPI + "/machines", machine)
            if code not in (200, 201):
                raise RuntimeError(f"create machine {name}: {code} {body}")
            if a.prebootstrap:
                owner = {"apiVersion": "cluster.x-k8s.io/v1beta2", "kind": "Machine", "name": name,
                         "uid": body["metadata"]["uid"], "controller": True, "blockOwnerDeletion": True}
                maasmachine = dict(maasmachine, metadata=dict(maasmachine["metadata"], ownerReferences=[owner]))
            code, body = kube.request("POST", INFRA + "/maasmachines", maasmachine)
            if code not in (200, 201):
                raise RuntimeError(f"create maasmachine {name}: {code} {body}")

        with ThreadPoolExecutor(a.create_workers) as pool:
            list(pool.map(create, pairs))
        t_created = time.time()
        deadline = t_start + a.timeout
        while time.time() < deadline:
            with watcher.lock:
                if len(watcher.ready) >= n:
                    break
            if manager.poll() is not None:
                raise SystemExit(f"manager exited with {manager.returncode}; see {work}/manager.log")
            time.sleep(0.05)
        t_ready = max(watcher.ready.values()) if watcher.ready else time.time()
        ready_count = len(watcher.ready)
        time.sleep(max(a.sim_sample * 2, 0.5))  # let the poller see the last Deployed states
        m1, cpu1, sandbox_cpu1 = metrics(metrics_port), proc_cpu(manager.pid), proc_cpu(sandbox.pid)
        st1 = sim_get(sim_port, "/_sim/state")
        poller.stop = True

        # idle: all Ready, nothing changing
        idle = {}
        if a.idle_seconds > 0:
            time.sleep(a.settle_seconds)
            # Baselines after the settle window (the MAAS counts too: calls made while settling are not idle calls).
            calls_i0 = sim_get(sim_port, "/_sim/state")["call_counts"] if a.settle_seconds > 0 else st1["call_counts"]
            c_i0, mi0, ti0 = proc_cpu(manager.pid), metrics(metrics_port), time.time()
            time.sleep(a.idle_seconds)
            c_i1, mi1, ti1 = proc_cpu(manager.pid), metrics(metrics_port), time.time()
            calls_i1 = sim_get(sim_port, "/_sim/state")["call_counts"]
            idle = {"cpu_pct": 100.0 * (c_i1 - c_i0) / (ti1 - ti0), "seconds": ti1 - ti0,
                    "settle_seconds": a.settle_seconds,
                    "maas_calls": sum(calls_i1.values()) - sum(calls_i0.values()),
                    "maas_by_op": {op: calls_i1.get(op, 0) - calls_i0.get(op, 0) for op in calls_i1
                                   if calls_i1.get(op, 0) != calls_i0.get(op, 0)},
                    "kube_by_series": {k: v - mi0.get(k, 0) for k, v in mi1.items()
                                       if k.startswith("rest_client_requests_total") and v != mi0.get(k, 0)},
                    "kube_calls": metric_sum(mi1, "rest_client_requests_total")
                    - metric_sum(mi0, "rest_client_requests_total")}
        # Writes by resource and verb from the sandbox's audit log (management cluster only), manager's User-Agent.
        manager_audit, all_writes = (w or {} for w in audit_writes(kube))
        hwm, rss = proc_status(manager.pid, "VmHWM"), proc_status(manager.pid, "VmRSS")
        cpu_end = proc_cpu(manager.pid)

        # Deletion: every Machine and MaasMachine the bench created, until all are gone and MAAS released every machine.
        deleted = None
        if not a.no_delete:
            probes = deletion.Probes(
                sim_state=lambda: sim_get(sim_port, "/_sim/state"),
                kube_calls=lambda: kube_calls_by_method(metrics(metrics_port)),
                manager_cpu=lambda: proc_cpu(manager.pid), manager_exit=manager.poll,
                audit_writes=lambda: audit_writes(kube)[0])
            deleted = deletion.run(
                kube, [p[0]["metadata"]["name"] for p in pairs], (CAPI + "/machines", INFRA + "/maasmachines"),
                watcher, machine_watcher, probes, baseline, n, a.create_workers,
                a.delete_timeout if a.delete_timeout is not None else a.timeout, a.sim_sample,
                tail=max(1.0, 2 * a.poll_interval))
            hwm_after = proc_status(manager.pid, "VmHWM") if manager.poll() is None else None
            deleted["peak_rss_mb"] = hwm_after / 1024 if hwm_after else None
        watcher.stop = machine_watcher.stop = True

        # latencies (seconds)
        alloc_lat = [poller.allocated[u] - watcher.added[u] for u in watcher.added if u in poller.allocated]
        ready_lat = [watcher.ready[u] - poller.deployed[u] for u in watcher.ready if u in poller.deployed]
        create_ready = [watcher.ready[u] - watcher.added[u] for u in watcher.ready if u in watcher.added]
        calls = st1["call_counts"]
        per_machine = {op: c / n for op, c in sorted(calls.items())}
        # Machine lists by filter (the simulator's list_counts): agent_name-filtered lists (the crash-safe adoption
        # lookup and ownership confirmations) are lifecycle calls; id-filtered lists are the batched poll; per-machine
        # reads (machine.read) follow the poll's wake-ups (deploy polling).
        adoption_lists = agent_name_lists(st1.get("list_counts", {}))
        poll_lists = calls.get("machines.read", 0) - adoption_lists
        lifecycle_by_op = {op: c for op, c in calls.items() if op not in ("machines.read", "machine.read")}
        if adoption_lists:
            lifecycle_by_op["machines.read"] = adoption_lists
        lifecycle = sum(lifecycle_by_op.values()) / n
        # Whole lifecycle: the create → Ready part above plus every call of the deletion phase (reads included, the
        # batched poll of Releasing machines too).
        total_by_op = dict(lifecycle_by_op)
        for op, c in (deleted or {}).get("maas_by_op", {}).items():
            total_by_op[op] = total_by_op.get(op, 0) + c
        # list calls per poll interval while machines were deploying (from the sampled call-count series)
        first_deploy = next((t for t, cc, _ in poller.series if cc.get("machine.deploy", 0) > 0), None)
        last_deployed = max(poller.deployed.values()) if poller.deployed else None
        lists_window = None
        if first_deploy and last_deployed and last_deployed > first_deploy:
            lists = [cc.get("machines.read", 0) - agent_name_lists(lc)
                     for t, cc, lc in poller.series if first_deploy <= t <= last_deployed]
            span = last_deployed - first_deploy
            lists_window = (lists[-1] - lists[0], span, (lists[-1] - lists[0]) / max(span / a.poll_interval, 1e-9))
        k0 = kube_calls_by_method(m0)
        kube_by_method = {meth: v - k0.get(meth, 0) for meth, v in kube_calls_by_method(m1).items()}
        # The manager's counters create → all Ready, for a look at where the calls come from (JSON only).
        counters = {k: v - m0.get(k, 0) for k, v in m1.items()
                    if k.split("{")[0] in ("controller_runtime_reconcile_total", "workqueue_adds_total",
                                           "rest_client_requests_total") and v - m0.get(k, 0)}
        res = {
            "label": a.label + (", pre-bootstrapped" if a.prebootstrap else "")
            + (f", manager binary {a.manager_binary}" if a.manager_binary else ""), "machines": n, "timings": a.timings, "ready": ready_count,
            "create_seconds": t_created - t_start, "ready_seconds": t_ready - t_start,
            "create_to_ready_p50": pct(create_ready, 50), "create_to_ready_p99": pct(create_ready, 99),
            "alloc_first": min(alloc_lat) if alloc_lat else None, "alloc_p50": pct(alloc_lat, 50), "alloc_p99": pct(alloc_lat, 99), "alloc_n": len(alloc_lat),
            "deployed_ready_p50": pct(ready_lat, 50), "deployed_ready_p99": pct(ready_lat, 99),
            "deployed_ready_n": len(ready_lat), "calls": calls, "per_machine": per_machine,
            "lifecycle_calls_per_machine": lifecycle, "poll_lists": poll_lists,
            "lifecycle_by_op_per_machine": {op: c / n for op, c in sorted(lifecycle_by_op.items())},
            "deletion": deleted,
            "total_lifecycle_calls_per_machine": (lifecycle + deleted["maas_calls_per_machine"]) if deleted else None,
            "total_lifecycle_by_op_per_machine": {op: c / n for op, c in sorted(total_by_op.items())} if deleted else None,
            "total_lifecycle_split_per_machine": lifecycle_split(total_by_op, agent_name_lists(
                (deleted or {}).get("maas_lists_by_filter", {})) + adoption_lists, n) if deleted else None,
            "deploy_poll_calls_per_machine": (poll_lists + calls.get("machine.read", 0)) / n, "lists_window": lists_window,
            "kube_calls": sum(kube_by_method.values()), "kube_by_method": kube_by_method, "manager_counters": counters,
            "kube_calls_per_machine": sum(kube_by_method.values()) / n,
            "kube_writes_by_resource": manager_audit, "all_writes_by_agent": all_writes,
            "peak_rss_mb": hwm / 1024 if hwm else None, "rss_mb": rss / 1024 if rss else None,
            "cpu_seconds_run": cpu1 - cpu0, "sandbox_cpu_seconds_run": sandbox_cpu1 - sandbox_cpu0,
            "loadavg_1m": os.getloadavg()[0], "cpu_seconds_total": cpu_end, "idle": idle,
            "sim_samples": poller.samples, "sim_sample_interval": a.sim_sample, "work": work,
        }
        with open(a.out, "w") as f:
            json.dump(res, f, indent=1)
        print(json.dumps({k: v for k, v in res.items() if k not in ("calls",)}, indent=1), file=sys.stderr)
        if deleted and not deleted["converged"]:
            raise SystemExit(f"DELETION FAILED: {deleted['failure']} (figures written to {a.out}; logs in {work})")
    finally:
        if manager is not None:
            stop_process(manager)
        stop_process(sandbox)


if __name__ == "__main__":
    main()

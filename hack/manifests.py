#!/usr/bin/env python3
"""Validation of the capmaas install artifacts (used by hack/build-components.sh
and hack/check-manifests.sh).

  manifests.py finalize --metadata M IN OUT
      re-quote whole-value ${VAR}s that kustomize emitted unquoted, check the
      clusterctl component rules, write OUT
      (rules: hack/manifest_rules.py, hack/template_rules.py)
  manifests.py check --manifests DIR --kustomized FILE [--components FILE] [--crds DIR]
      every YAML under DIR parses; the rendered base and the components follow
      the provider rules (labels, Deployment security, least-privilege RBAC);
      metadata.yaml and cluster-template.yaml are well-formed and consistent
  manifests.py selftest --kustomized FILE
      the rendered base passes, and each of a list of known-bad edits to it
      (dropped label, writable root fs, '*' verb, ...) is caught

Every problem is printed as "<where>: <what>"; the exit status is 1 if any.
"""
import argparse
import copy
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import envsubst  # noqa: E402  (sibling helpers)
from manifest_rules import (  # noqa: E402
    PROVIDER_LABEL, Problems, check_components, check_deployment, check_labels, check_rbac, load_all)
from template_rules import check_metadata, check_template, check_template_against_crds  # noqa: E402

# ---- re-quoting ----------------------------------------------------------------

# "key: value" or "- value" where value is an unquoted scalar containing ${...}.
UNQUOTED_VARIABLE = re.compile(
    r"^(\s*(?:-\s+)?(?:[^\s'\"#-][^:#]*:\s+)?)"        # indentation, list dash, key
    r"((?!-\s)(?=[^\s'\"&*!|>%@`\[{#])(?!.*:\s)[^#]*\$\{[^}]*\}[^\s#]*)\s*$")  # plain scalar with ${...}


def requote(text):
    """Double-quote plain scalars holding ${VAR}, so a substituted value such as
    'true', '123' or one starting with '*' still reads as a string."""
    lines = []
    for line in text.split("\n"):
        match = UNQUOTED_VARIABLE.match(line)
        if match:
            value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
            line = f'{match.group(1)}"{value}"'
        lines.append(line)
    return "\n".join(lines)


# ---- self test -------------------------------------------------------------------

def _deployment(objs):
    return next(o for o in objs if o.get("kind") == "Deployment")


def _manager(objs):
    return _deployment(objs)["spec"]["template"]["spec"]["containers"][0]


def _rule(objs, kind, index):
    return next(o for o in objs if o.get("kind") == kind)["rules"][index]


# (description, edit) pairs; every edit must make the base fail.
MUTATIONS = [
    ("provider label dropped", lambda o: o[0]["metadata"]["labels"].pop(PROVIDER_LABEL)),
    ("writable root filesystem", lambda o: _manager(o)["securityContext"].update(readOnlyRootFilesystem=False)),
    ("privilege escalation", lambda o: _manager(o)["securityContext"].update(allowPrivilegeEscalation=True)),
    ("capabilities kept", lambda o: _manager(o)["securityContext"].update(capabilities={"drop": []})),
    ("capability added", lambda o: _manager(o)["securityContext"]["capabilities"].update(add=["NET_ADMIN"])),
    ("runs as root", lambda o: (_manager(o)["securityContext"].update(runAsUser=0),
                                _deployment(o)["spec"]["template"]["spec"]["securityContext"].update(runAsUser=0))),
    ("no seccomp", lambda o: (_manager(o)["securityContext"].pop("seccompProfile", None),
                              _deployment(o)["spec"]["template"]["spec"]["securityContext"].pop("seccompProfile", None))),
    ("container renamed", lambda o: _manager(o).update(name="controller")),
    ("liveness path", lambda o: _manager(o)["livenessProbe"]["httpGet"].update(path="/")),
    ("no resource limits", lambda o: _manager(o)["resources"].pop("limits")),
    ("no credentials env", lambda o: _manager(o).update(env=[])),
    ("no leader election", lambda o: _manager(o).update(args=["manager"])),
    ("wildcard verb", lambda o: _rule(o, "ClusterRole", 0)["verbs"].append("*")),
    ("wildcard resource", lambda o: _rule(o, "ClusterRole", 0)["resources"].append("*")),
    ("extra grant", lambda o: _rule(o, "ClusterRole", 0)["verbs"].append("delete")),
    ("missing grant", lambda o: _rule(o, "ClusterRole", 0)["verbs"].remove("watch")),
    ("foreign lease", lambda o: _rule(o, "Role", 1).update(resourceNames=["other"])),
    ("unbound role", lambda o: [x for x in o if x.get("kind") == "ClusterRoleBinding"][0]["subjects"][0]
                               .update(name="default")),
]


def selftest(args):
    problems = Problems()
    base = load_all(args.kustomized, problems)

    def failures(objects):
        found = Problems()
        check_labels(objects, "self-test", found)
        check_deployment(objects, "self-test", found)
        check_rbac(objects, "self-test", found)
        return found.items

    if problems.items or failures(base):
        problems.add("self-test", f"the unmodified base must pass first: {problems.items or failures(base)}")
        return problems.report()
    for description, edit in MUTATIONS:
        mutated = copy.deepcopy(base)
        try:
            edit(mutated)
        except (KeyError, IndexError, StopIteration, ValueError) as error:
            problems.add("self-test", f"cannot apply mutation '{description}' ({error!r}); update MUTATIONS")
            continue
        if not failures(mutated):
            problems.add("self-test", f"mutation '{description}' was not detected")
    if not problems.items:
        print(f"{len(MUTATIONS)} known-bad edits detected")
    return problems.report()


# ---- commands --------------------------------------------------------------------

def finalize(args):
    problems = Problems()
    with open(args.input, encoding="utf-8") as handle:
        original = handle.read()
    quoted = requote(original)
    try:
        before = [d for d in yaml.safe_load_all(original) if d]
        after = [d for d in yaml.safe_load_all(quoted) if d]
    except yaml.YAMLError as error:
        problems.add(args.input, f"does not parse after re-quoting ${{VAR}} values: {error}")
        return problems.report()
    if before != after:
        problems.add(args.input, "re-quoting ${VAR} values changed the documents (bug in hack/manifests.py requote)")
    metadata = check_metadata(args.metadata, problems)
    check_components(after, "infrastructure-components.yaml", problems, metadata)
    if problems.report():
        return 1
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(quoted)
    return 0


def check(args):
    problems = Problems()
    for directory, _, files in os.walk(args.manifests):
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                load_all(os.path.join(directory, name), problems)
    base = load_all(args.kustomized, problems)
    check_labels(base, "kubectl kustomize manifests/", problems)
    check_deployment(base, "kubectl kustomize manifests/", problems)
    check_rbac(base, "kubectl kustomize manifests/", problems)
    clusterctl = os.path.join(args.manifests, "clusterctl")
    metadata = check_metadata(os.path.join(clusterctl, "metadata.yaml"), problems)
    check_template(os.path.join(clusterctl, "cluster-template.yaml"), problems)
    if args.crds:
        check_template_against_crds(os.path.join(clusterctl, "cluster-template.yaml"), args.crds, problems)
    if args.components:
        with open(args.components, encoding="utf-8") as handle:
            for problem in envsubst.malformed(handle.read()):
                problems.add(args.components, problem)
        check_components(load_all(args.components, problems), args.components, problems, metadata)
    return problems.report()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    fin = sub.add_parser("finalize")
    fin.add_argument("--metadata", required=True)
    fin.add_argument("input")
    fin.add_argument("output")
    chk = sub.add_parser("check")
    chk.add_argument("--manifests", required=True)
    chk.add_argument("--kustomized", required=True)
    chk.add_argument("--components")
    chk.add_argument("--crds", help="validate the rendered template's MAAS objects against these CRDs")
    tst = sub.add_parser("selftest")
    tst.add_argument("--kustomized", required=True)
    args = parser.parse_args()
    return {"finalize": finalize, "check": check, "selftest": selftest}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())

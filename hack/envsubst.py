#!/usr/bin/env python3
"""clusterctl-style variable substitution for capmaas manifests.

clusterctl (through drone/envsubst) replaces ${VAR}, ${VAR:=default},
${VAR:-default}, ${VAR=default} and ${VAR-default}; "$${" escapes a literal
"${". A variable without a default is required. This script implements that
subset so manifests can be rendered without clusterctl, and reports malformed
references such as "${ VAR }" that clusterctl would mishandle.

  envsubst.py vars FILE...     list variables: NAME<TAB>required|default=VALUE
  envsubst.py check FILE...    exit 1 if any ${...} is malformed
  envsubst.py render FILE [NAME]
                               substitute from the environment, print to stdout;
                               exit 1 naming every required variable that is unset
                               (NAME is the file name used in messages)
"""
import os
import re
import sys

# A whole reference: "${" up to the matching "}" (defaults contain no "}").
REFERENCE = re.compile(r"(?<!\$)\$\{([^}]*)\}")
# A well-formed body: NAME, optionally followed by one of the default operators.
BODY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:(:=|:-|=|-)(.*))?$", re.S)


class Reference:
    def __init__(self, name, operator, default):
        self.name = name
        self.operator = operator
        self.default = default

    def resolve(self, env):
        value = env.get(self.name)
        if self.operator is None:
            return value
        if self.operator in (":=", ":-"):
            return value if value else self.default
        return value if value is not None else self.default


def parse(body):
    match = BODY.match(body)
    if match is None:
        return None
    return Reference(match.group(1), match.group(2), match.group(3) if match.group(2) else None)


def malformed(text):
    """Line-numbered descriptions of references clusterctl cannot handle."""
    problems = []
    for match in REFERENCE.finditer(text):
        if parse(match.group(1)) is None:
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"line {line}: malformed variable reference {match.group(0)!r}")
    return problems


def variables(text):
    """Ordered {name: default-or-None}; a name is required if any use lacks a default."""
    found = {}
    for match in REFERENCE.finditer(text):
        ref = parse(match.group(1))
        if ref is None:
            continue
        if ref.operator is None:
            found[ref.name] = None
        else:
            found.setdefault(ref.name, ref.default)
    return found


def render(text, env):
    missing = []

    def replace(match):
        ref = parse(match.group(1))
        if ref is None:
            raise ValueError(f"malformed variable reference {match.group(0)!r}")
        value = ref.resolve(env)
        if value is None:
            missing.append(ref.name)
            return match.group(0)
        return value

    out = REFERENCE.sub(replace, text).replace("$${", "${")
    return out, sorted(set(missing))


def main(argv):
    if len(argv) < 3 or argv[1] not in ("vars", "check", "render"):
        sys.stderr.write(__doc__)
        return 2
    command, paths = argv[1], argv[2:]
    texts = []
    for path in paths[:1] if command == "render" else paths:
        try:
            with open(path, encoding="utf-8") as handle:
                texts.append((path, handle.read()))
        except OSError as error:
            print(f"envsubst: cannot read {path}: {error.strerror}", file=sys.stderr)
            return 1
    if command == "check":
        failed = False
        for path, text in texts:
            for problem in malformed(text):
                print(f"{path}: {problem}", file=sys.stderr)
                failed = True
        return 1 if failed else 0
    if command == "vars":
        merged = {}
        for _, text in texts:
            for name, default in variables(text).items():
                if name not in merged or default is None:
                    merged[name] = default
        for name in sorted(merged):
            default = merged[name]
            print(f"{name}\t" + ("required" if default is None else f"default={default}"))
        return 0
    if len(paths) > 2:
        print("envsubst: render takes one file and an optional display name", file=sys.stderr)
        return 2
    path, text = texts[0]
    if len(paths) == 2:
        path = paths[1]
    problems = malformed(text)
    if problems:
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        return 1
    out, missing = render(text, os.environ)
    if missing:
        print(f"envsubst: {path}: required variables not set: {', '.join(missing)}", file=sys.stderr)
        return 1
    sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

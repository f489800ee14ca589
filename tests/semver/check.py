#!/usr/bin/env python3
"""Does `odata-codegen diff` agree with cargo-semver-checks?

For each pair of metadata versions (one change each, of every kind `diff` classifies, made from
tests/downstream/v1.csdl.xml; and the Intune assignment slice of an older and a newer Graph
v1.0 metadata, see tests/semver/README.md), this generates both crates, asks `diff` for its
verdict, and runs `cargo semver-checks` (from crates.io: `cargo install cargo-semver-checks`)
on the two crates. The pair agrees when cargo-semver-checks finds no violation that `diff` did
not report as breaking. cargo-semver-checks has no lint for some breaking changes (a field's
type), so `diff` may say breaking where it says nothing: that is not a disagreement.

Usage: tests/semver/check.py [--only NAME] [--keep DIR]
Exit 0 when every pair agrees, 1 otherwise; one line per pair and a summary on stdout.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
V1 = ROOT / "tests/downstream/v1.csdl.xml"


def edit(text, old, new):
    if text.count(old) != 1:
        raise SystemExit(f"tests/downstream/v1.csdl.xml: `{old}` is not there exactly once")
    return text.replace(old, new)


def after(anchor, addition):
    return lambda t: edit(t, anchor, anchor + addition)


def replace(old, new):
    return lambda t: edit(t, old, new)


# (name, edit of v1, what diff must say: "breaking", "additive" or "internal")
PAIRS = [
    ("property added", after('<Property Name="tags" Type="Collection(Edm.String)"/>',
                             '<Property Name="flag" Type="Edm.String"/>'), "additive"),
    ("complex property added", after('<Property Name="lon" Type="Edm.Double" Nullable="false"/>',
                                     '<Property Name="heading" Type="Edm.Int32"/>'), "additive"),
    ("derived type added", after('<EntityType Name="boat" BaseType="fleet.vessel"/>',
                                 '<EntityType Name="yacht" BaseType="fleet.vessel"/>'), "additive"),
    ("enum member added", after('<Member Name="retired" Value="1"/>',
                                '<Member Name="sunk" Value="2"/>'), "additive"),
    ("navigation added", after('<Property Name="rank" Type="Edm.String"/>',
                               '<NavigationProperty Name="mentor" Type="fleet.sailor"/>'), "additive"),
    ("entity set added", after('<EntitySet Name="vessels" EntityType="fleet.vessel"/>',
                               '<EntitySet Name="sailors" EntityType="fleet.sailor"/>'), "additive"),
    ("singleton added", after('<EntitySet Name="vessels" EntityType="fleet.vessel"/>',
                              '<Singleton Name="flagship" Type="fleet.ship"/>'), "additive"),
    ("action added", after(
        '</Function>',
        '<Action Name="refuel" IsBound="true"><Parameter Name="bindingParameter" Type="fleet.vessel"/></Action>'),
     "additive"),
    ("action parameter added", after('<Parameter Name="port" Type="Edm.String"/>',
                                     '<Parameter Name="berth" Type="Edm.Int32"/>'), "additive"),
    ("type added", after('<EntityType Name="boat" BaseType="fleet.vessel"/>',
                         '<ComplexType Name="cargo"><Property Name="kind" Type="Edm.String"/></ComplexType>'),
     "additive"),
    ("property removed", replace('<Property Name="rank" Type="Edm.String"/>', ''), "breaking"),
    ("property type changed", replace('<Property Name="tonnage" Type="Edm.Int32"/>',
                                      '<Property Name="tonnage" Type="Edm.Int64"/>'), "breaking"),
    ("nullability changed", replace('<Property Name="rank" Type="Edm.String"/>',
                                    '<Property Name="rank" Type="Edm.String" Nullable="false"/>'),
     "breaking"),
    ("collection changed", replace('<Property Name="tags" Type="Collection(Edm.String)"/>',
                                   '<Property Name="tags" Type="Edm.String"/>'), "breaking"),
    ("enum member removed", replace('<Member Name="retired" Value="1"/>', ''), "breaking"),
    ("type removed", replace('<EntityType Name="boat" BaseType="fleet.vessel"/>', ''), "breaking"),
    ("navigation removed",
     replace('<NavigationProperty Name="crew" Type="Collection(fleet.sailor)" ContainsTarget="true"/>',
             ''), "breaking"),
    ("entity set removed", replace('<EntitySet Name="vessels" EntityType="fleet.vessel"/>', ''),
     "breaking"),
    ("action parameter removed", replace('<Parameter Name="port" Type="Edm.String"/>', ''),
     "breaking"),
    ("function parameter type changed",
     replace('<Parameter Name="miles" Type="Edm.Int32" Nullable="false"/>',
             '<Parameter Name="miles" Type="Edm.Int64" Nullable="false"/>'), "breaking"),
    ("first derived type", after('<Property Name="rank" Type="Edm.String"/>\n      </EntityType>',
                                 '<EntityType Name="captain" BaseType="fleet.sailor"/>'),
     "breaking"),
    ("key type changed",
     replace('<Property Name="id" Type="Edm.String" Nullable="false"/>\n        <Property Name="rank"',
             '<Property Name="id" Type="Edm.Int32" Nullable="false"/>\n        <Property Name="rank"'),
     "breaking"),
    ("documentation changed", replace(
        '<Property Name="rank" Type="Edm.String"/>',
        '<Property Name="rank" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Description" String="The rank."/></Property>'),
     "internal"),
    ("enum value changed", replace('<Member Name="retired" Value="1"/>',
                                   '<Member Name="retired" Value="5"/>'), "internal"),
]


# The Intune assignment slice, as .ci/run generates it.
ASSIGNMENT_SLICE = ["/deviceManagement/deviceConfigurations", "/deviceManagement/deviceCompliancePolicies",
                    "/deviceManagement/deviceEnrollmentConfigurations",
                    "/deviceAppManagement/mobileApps", "/deviceAppManagement/managedAppPolicies"]

# What an older Graph v1.0 metadata lacked, written from the current file: (element, its block's
# closing tag, lines inside it to remove, or None to remove the whole element).
GRAPH_OLDER = [
    ('<EntityType Name="windows10GeneralConfiguration"', "</EntityType>",
     ['Name="antiTheftModeBlocked"', 'Name="appsAllowTrustedAppsSideloading"']),
    ('<EnumType Name="stateManagementSetting"', "</EnumType>", ['Name="allowed"']),
    ('<ComplexType Name="configurationManagerCollectionAssignmentTarget"', "</ComplexType>", None),
]


def graph_older(text):
    """The current Graph metadata less some properties, an enum member and a derived type."""
    for start_tag, end_tag, lines in GRAPH_OLDER:
        start = text.index(start_tag)
        end = text.index(end_tag, start) + len(end_tag)
        block = text[start:end]
        if lines is None:
            block = ""
        else:
            kept = [line for line in block.split("\n") if not any(m in line for m in lines)]
            if len(kept) != block.count("\n") + 1 - len(lines):
                raise SystemExit(f"{start_tag}: not every line to remove is there once")
            block = "\n".join(kept)
        text = text[:start] + block + text[end:]
    return text


def codegen():
    exe = ROOT / "target/release/odata-codegen"
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "odata-codegen"], cwd=ROOT,
                   check=True)
    return str(exe)


def slicing(includes):
    return [arg for pattern in includes for arg in ("--include", pattern)]


def generate(exe, metadata, out, version, includes=()):
    subprocess.run([exe, "generate", "--input", str(metadata), "--out", str(out),
                    "--crate-name", "fleet", "--crate-version", version] + slicing(includes),
                   check=True, capture_output=True)


def diff_verdict(exe, old, new, includes=()):
    done = subprocess.run([exe, "diff", str(old), str(new)] + slicing(includes),
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"diff failed: {done.stderr}")
    summary = done.stdout.strip().splitlines()[-1]
    bump = re.search(r"semver bump (\w+)", summary).group(1)
    return {"major": "breaking", "minor": "additive", "patch": "internal",
            "none": "none"}[bump], summary


def semver_checks(old_crate, new_crate, target):
    """cargo-semver-checks' verdict: the lints that failed, and the bump it asks for."""
    env = dict(os.environ, CARGO_TARGET_DIR=str(target), CARGO_TERM_COLOR="never")
    done = subprocess.run(
        ["cargo", "semver-checks", "check-release", "--color", "never", "--manifest-path",
         str(new_crate / "Cargo.toml"), "--baseline-root", str(old_crate),
         "--release-type", "patch"],
        capture_output=True, text=True, env=env)
    output = done.stdout + done.stderr
    failed = sorted(set(re.findall(r"--- failure ([a-z0-9_]+):", output)))
    # 0: no violation; 100: violations found (cargo-semver-checks 0.51); else it did not run.
    if done.returncode not in (0, 100):
        raise SystemExit(f"cargo semver-checks failed to run:\n{output}")
    if done.returncode == 100 and not failed:
        raise SystemExit(f"cargo semver-checks failed without a lint:\n{output}")
    return failed, output


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="run only the pairs whose name contains this")
    parser.add_argument("--keep", help="generate the crates into this folder and keep them")
    parser.add_argument("--pair", nargs=2, metavar=("OLD", "NEW"), action="append", default=[],
                        help="also check this pair of metadata files (repeatable)")
    parser.add_argument("--include", action="append", default=[],
                        help="slice the --pair pairs as generate --include does (repeatable)")
    parser.add_argument("--graph", default=str(ROOT.parent / "shared/corpus/graph-v1.0.csdl.xml"),
                        help="Graph v1.0 metadata for the real pair (its assignment slice, older "
                             "and newer); skipped when the file is missing")
    args = parser.parse_args()
    if shutil.which("cargo-semver-checks") is None:
        raise SystemExit("cargo-semver-checks is not installed: cargo install cargo-semver-checks")
    exe = codegen()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="odata-semver-"))
    work.mkdir(parents=True, exist_ok=True)
    target = ROOT / "target/semver-checks"
    v1 = V1.read_text()
    pairs = [(name, None, change, expected, ()) for name, change, expected in PAIRS]
    pairs += [(f"{Path(old).name} → {Path(new).name}", (Path(old), Path(new)), None, None,
               tuple(args.include)) for old, new in args.pair]
    graph = Path(args.graph)
    if graph.exists():
        older = work / "graph-v1.0-older.csdl.xml"
        older.write_text(graph_older(graph.read_text()))
        pairs.append(("Graph v1.0 assignment slice, older → newer", (older, graph), None,
                      "additive", ASSIGNMENT_SLICE))
        pairs.append(("Graph v1.0 assignment slice, newer → older", (graph, older), None,
                      "breaking", ASSIGNMENT_SLICE))
    else:
        print(f"SKIPPED the real pair: {graph} not found")
    disagreements = 0
    started = time.monotonic()
    for name, files, change, expected, includes in pairs:
        if args.only and args.only not in name:
            continue
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        pair_dir = work / slug
        if files:
            old_xml, new_xml = files
        else:
            old_xml, new_xml = pair_dir / "old.csdl.xml", pair_dir / "new.csdl.xml"
            pair_dir.mkdir(parents=True, exist_ok=True)
            old_xml.write_text(v1)
            new_xml.write_text(change(v1))
        generate(exe, old_xml, pair_dir / "old", "1.0.0", includes)
        generate(exe, new_xml, pair_dir / "new", "1.0.1", includes)
        verdict, summary = diff_verdict(exe, old_xml, new_xml, includes)
        failed, output = semver_checks(pair_dir / "old", pair_dir / "new", target)
        agrees = not failed or verdict == "breaking"
        expected_ok = expected is None or verdict == expected
        status = "ok" if agrees and expected_ok else "DISAGREE"
        if status != "ok":
            disagreements += 1
        lints = ", ".join(failed) if failed else "no violation"
        print(f"{status:8} {name}: diff {verdict} ({summary}); cargo-semver-checks: {lints}"
              + ("" if expected_ok else f"; expected {expected}"), flush=True)
        if status != "ok" and os.environ.get("VERBOSE"):
            print(output)
    print(f"{disagreements} disagreement(s) in {time.monotonic() - started:.0f} s")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())

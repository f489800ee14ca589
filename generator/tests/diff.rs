//! `odata-codegen diff` end to end: the report for people, `--json`, slices on both sides, and
//! the exit codes a CI job reads (`--fail-on`; 2 for bad input, as everywhere).

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::scratch;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_odata-codegen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("odata-codegen runs")
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="fleet" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{body}
      <EntityContainer Name="Fleet">
        <EntitySet Name="ships" EntityType="fleet.ship"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#
    )
}

const OLD: &str = r#"      <EnumType Name="status">
        <Member Name="docked" Value="0"/>
        <Member Name="sailing" Value="1"/>
      </EnumType>
      <EntityType Name="ship">
        <Key><PropertyRef Name="id"/></Key>
        <Property Name="id" Type="Edm.String" Nullable="false"/>
        <Property Name="crew" Type="Edm.Int32"/>
        <Property Name="status" Type="fleet.status"/>
      </EntityType>
      <ComplexType Name="cargo">
        <Property Name="weight" Type="Edm.Double"/>
      </ComplexType>"#;

const NEW: &str = r#"      <EnumType Name="status">
        <Member Name="docked" Value="0"/>
        <Member Name="sailing" Value="1"/>
        <Member Name="sunk" Value="2"/>
      </EnumType>
      <EntityType Name="ship">
        <Key><PropertyRef Name="id"/></Key>
        <Property Name="id" Type="Edm.String" Nullable="false"/>
        <Property Name="crew" Type="Edm.Int64"/>
        <Property Name="status" Type="fleet.status"/>
        <Property Name="flag" Type="Edm.String"/>
      </EntityType>"#;

/// A folder with `old.xml`, `new.xml` and `same.xml` (a copy of the old one).
fn pair(name: &str) -> std::path::PathBuf {
    let dir = scratch(&format!("diff-{name}"));
    fs::create_dir_all(&dir).expect("scratch folder");
    fs::write(dir.join("old.xml"), document(OLD)).expect("writable");
    fs::write(dir.join("new.xml"), document(NEW)).expect("writable");
    fs::write(dir.join("same.xml"), document(OLD)).expect("writable");
    dir
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_report_for_people() {
    let dir = pair("human");
    let out = run(&dir, &["diff", "old.xml", "new.xml"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = "\
Breaking (2):
  - type fleet.cargo: removed  old.xml:15:7
  ~ property fleet.ship/crew: type Edm.Int32 (nullable) → Edm.Int64 (nullable) (Rust runtime::Nullable<i32> → runtime::Nullable<runtime::Int64>)  old.xml:12:9 → new.xml:13:9
Additive (2):
  + property fleet.ship/flag: added  new.xml:15:9
  + member fleet.status/sunk: added  new.xml:8:9
2 breaking, 2 additive changes: semver bump major
";
    assert_eq!(stdout(&out), expected);
    // --old/--new name the same files; the report does not depend on how.
    let flags = run(&dir, &["diff", "--old", "old.xml", "--new", "new.xml"]);
    assert_eq!(stdout(&flags), expected);
}

#[test]
fn json_for_tools() {
    let dir = pair("json");
    let out = run(
        &dir,
        &[
            "diff",
            "old.xml",
            "new.xml",
            "--json",
            "--current-version",
            "0.2.5",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(value["bump"], "major");
    assert_eq!(value["version"]["current"], "0.2.5");
    assert_eq!(value["version"]["next"], "0.3.0");
    assert_eq!(value["summary"]["breaking"], 2);
    assert_eq!(value["summary"]["additive"], 2);
    let crew = value["changes"]
        .as_array()
        .and_then(|changes| changes.iter().find(|c| c["element"] == "fleet.ship/crew"))
        .expect("the crew change");
    assert_eq!(crew["kind"], "property");
    assert_eq!(crew["change"], "changed");
    assert_eq!(crew["aspect"], "type");
    assert_eq!(crew["impact"], "breaking");
    assert_eq!(crew["breaking"], true);
    assert_eq!(crew["from"], "Edm.Int32 (nullable)");
    assert_eq!(crew["to"], "Edm.Int64 (nullable)");
    assert_eq!(crew["rust"]["to"], "runtime::Nullable<runtime::Int64>");
    assert_eq!(crew["old"]["file"], "old.xml");
    assert_eq!(crew["old"]["line"], 12);
    assert_eq!(crew["new"]["line"], 13);
    assert_eq!(crew["new"]["column"], 9);
}

#[test]
fn fail_on_sets_the_exit_code() {
    let dir = pair("fail-on");
    let code = |args: &[&str]| run(&dir, args).status.code();
    assert_eq!(
        code(&["diff", "old.xml", "new.xml", "--fail-on", "breaking"]),
        Some(1)
    );
    assert_eq!(
        code(&["diff", "old.xml", "new.xml", "--fail-on", "any"]),
        Some(1)
    );
    assert_eq!(
        code(&["diff", "old.xml", "same.xml", "--fail-on", "any"]),
        Some(0)
    );
    // Only the additive half: no breaking change, but the API grew.
    assert_eq!(
        code(&[
            "diff",
            "old.xml",
            "new.xml",
            "--include",
            "fleet.status",
            "--fail-on",
            "breaking"
        ]),
        Some(0)
    );
    assert_eq!(
        code(&[
            "diff",
            "old.xml",
            "new.xml",
            "--include",
            "fleet.status",
            "--fail-on",
            "additive"
        ]),
        Some(1)
    );
    let same = run(&dir, &["diff", "old.xml", "same.xml"]);
    assert_eq!(
        stdout(&same),
        "0 breaking, 0 additive changes: semver bump none\n"
    );
}

#[test]
fn a_slice_is_compared_as_it_is_generated() {
    let dir = pair("slice");
    let out = run(
        &dir,
        &["diff", "old.xml", "new.xml", "--include", "fleet.status"],
    );
    assert_eq!(
        stdout(&out),
        "Additive (1):\n  + member fleet.status/sunk: added  new.xml:8:9\n0 breaking, 1 additive changes: semver bump minor\n"
    );
}

#[test]
fn bad_input_exits_2() {
    let dir = pair("bad");
    fs::write(dir.join("broken.xml"), "<edmx:Edmx").expect("writable");
    let cases: [&[&str]; 5] = [
        &["diff", "old.xml", "missing.xml"],
        &["diff", "broken.xml", "new.xml"],
        &["diff", "old.xml"],
        &["diff", "old.xml", "new.xml", "--current-version", "one"],
        &["diff", "old.xml", "new.xml", "--include", "fleet.nothing"],
    ];
    for args in cases {
        let out = run(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

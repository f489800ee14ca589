//! What a regeneration says about the metadata update it follows (issue 13): the crate records
//! the metadata it was generated from, `check` reports what an update would do to the API,
//! `generate` says it and keeps the version, `generate --bump` sets the version it calls for,
//! and a build script warns.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::scratch;

const V1: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="fleet" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="status"><Member Name="active" Value="0"/></EnumType>
      <EntityType Name="ship">
        <Key><PropertyRef Name="id"/></Key>
        <Property Name="id" Type="Edm.String" Nullable="false"/>
        <Property Name="crew" Type="Edm.Int32"/>
      </EntityType>
      <EntityContainer Name="service"><EntitySet Name="ships" EntityType="fleet.ship"/></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_odata-codegen"))
        .args(args)
        .output()
        .expect("odata-codegen runs")
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn version(crate_dir: &Path) -> String {
    let manifest = fs::read_to_string(crate_dir.join("Cargo.toml")).expect("generated");
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("a version")
        .to_owned()
}

#[test]
fn check_and_generate_report_the_update_and_bump_sets_the_version() {
    let dir = scratch("updates");
    fs::create_dir_all(&dir).unwrap();
    let input = dir.join("service.xml");
    let out = dir.join("crate");
    let (input_arg, out_arg) = (input.to_str().unwrap(), out.to_str().unwrap());
    let generate = |extra: &[&str]| {
        let mut args = vec!["generate", "--input", input_arg, "--out", out_arg];
        args.extend_from_slice(extra);
        let output = run(&args);
        assert!(output.status.success(), "{}", text(&output).1);
        text(&output).1
    };
    let check = || run(&["check", "--input", input_arg, "--out", out_arg]);

    fs::write(&input, V1).unwrap();
    let first = generate(&[]);
    assert!(!first.contains("metadata changes"), "{first}");
    assert_eq!(version(&out), "0.1.0");
    // The record: the input byte for byte, and the settings.
    assert_eq!(
        fs::read_to_string(out.join("metadata/service.xml")).unwrap(),
        V1
    );
    let manifest = fs::read_to_string(out.join("metadata/generation.json")).unwrap();
    assert!(
        manifest.contains("\"inputs\": [\n    \"service.xml\"\n  ]"),
        "{manifest}"
    );
    assert!(check().status.success());

    // Additive: check reports it; generate says it and keeps the version.
    fs::write(
        &input,
        V1.replace(
            "<Member Name=\"active\" Value=\"0\"/>",
            "<Member Name=\"active\" Value=\"0\"/><Member Name=\"sunk\" Value=\"1\"/>",
        ),
    )
    .unwrap();
    let stale = check();
    assert_eq!(stale.status.code(), Some(1));
    let (stdout, _) = text(&stale);
    assert!(stdout.contains("stale: "), "{stdout}");
    assert!(
        stdout.contains("Additive (1):\n  + member fleet.status/sunk: added"),
        "{stdout}"
    );
    assert!(
        stdout.contains("0 breaking, 1 additive changes: semver bump minor (0.1.0 → 0.1.1)"),
        "{stdout}"
    );
    let said = generate(&[]);
    assert!(
        said.contains("metadata changes since the last generation: 0 breaking, 1 additive"),
        "{said}"
    );
    assert!(
        said.contains("the version stays 0.1.0; `generate --bump` sets 0.1.1"),
        "{said}"
    );
    assert_eq!(version(&out), "0.1.0");
    assert!(check().status.success(), "the record is the new metadata");

    // Breaking (a member removed, a type changed), with --bump: 0.1.0 → 0.2.0 (before 1.0 a
    // breaking change moves the minor).
    fs::write(&input, V1.replace("Edm.Int32", "Edm.Int64")).unwrap();
    let bumped = generate(&["--bump"]);
    assert!(bumped.contains("2 breaking, 0 additive"), "{bumped}");
    assert!(bumped.contains("version 0.1.0 → 0.2.0"), "{bumped}");
    assert_eq!(version(&out), "0.2.0");
    assert!(check().status.success());
    // Nothing changed: --bump keeps it, a plain run keeps it.
    generate(&["--bump"]);
    generate(&[]);
    assert_eq!(version(&out), "0.2.0");

    // A version set by hand, then an additive update after 1.0 moves the minor.
    generate(&["--crate-version", "1.4.2"]);
    assert_eq!(version(&out), "1.4.2");
    fs::write(
        &input,
        V1.replace("Edm.Int32", "Edm.Int64").replace(
            "<Property Name=\"crew\"",
            "<Property Name=\"flag\" Type=\"Edm.String\"/><Property Name=\"crew\"",
        ),
    )
    .unwrap();
    generate(&["--bump"]);
    assert_eq!(version(&out), "1.5.0");

    // A record that no longer loads (edited by hand, or refused by a newer generator): a
    // warning, the version kept, and the record written anew.
    fs::write(out.join("metadata/service.xml"), "<not-csdl/>").unwrap();
    let warned = generate(&["--bump"]);
    assert!(
        warned.contains("warning: the metadata recorded in") && warned.contains("does not load"),
        "{warned}"
    );
    assert_eq!(version(&out), "1.5.0");
    assert!(check().status.success());

    // An input under another name: the copy of the old one goes.
    let renamed = dir.join("renamed.xml");
    fs::rename(&input, &renamed).unwrap();
    let output = run(&[
        "generate",
        "--input",
        renamed.to_str().unwrap(),
        "--out",
        out_arg,
    ]);
    assert!(output.status.success(), "{}", text(&output).1);
    assert!(out.join("metadata/renamed.xml").exists());
    assert!(!out.join("metadata/service.xml").exists());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_build_script_warns_about_what_an_update_changed() {
    let dir = scratch("updates-build-script");
    fs::create_dir_all(&dir).unwrap();
    let input = dir.join("service.xml");
    fs::write(&input, V1).unwrap();
    let script = |out_dir: &Path| {
        // The library in a child process with OUT_DIR set, as cargo runs a build script.
        let exe = std::env::current_exe().unwrap();
        Command::new(exe)
            .args([
                "--exact",
                "build_script_child",
                "--nocapture",
                "--include-ignored",
            ])
            .env("OUT_DIR", out_dir)
            .env("ODATA_CODEGEN_TEST_INPUT", &input)
            .output()
            .unwrap()
    };
    let out_dir = dir.join("out");
    fs::create_dir_all(&out_dir).unwrap();
    let first = String::from_utf8_lossy(&script(&out_dir).stdout).into_owned();
    assert!(first.contains("cargo:rerun-if-changed="), "{first}");
    assert!(!first.contains("metadata changes"), "{first}");
    assert!(out_dir.join("service.record/metadata/service.xml").exists());
    fs::write(&input, V1.replace("Edm.Int32", "Edm.Int64")).unwrap();
    let second = String::from_utf8_lossy(&script(&out_dir).stdout).into_owned();
    assert!(
        second.contains(
            "cargo:warning=metadata changes since the last build: 1 breaking, 0 additive"
        ),
        "{second}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

/// Run by the test above in a child process (it needs `OUT_DIR`, which a test must not set in
/// its own process while other tests run).
#[test]
#[ignore = "run by a_build_script_warns_about_what_an_update_changed"]
fn build_script_child() {
    let Some(input) = std::env::var_os("ODATA_CODEGEN_TEST_INPUT") else {
        return;
    };
    odata_codegen::Config::new()
        .input(input)
        .generate_for_build_script("service")
        .expect("generated");
}

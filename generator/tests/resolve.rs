//! `odata-codegen resolve` and URL `--include`s on the seed requests: each resolves to its
//! builder chain, and a slice that includes the seed URL generates every method of that chain;
//! the command line's forms (one URL, `-` with several, `--json`), and messages for URLs that
//! do not resolve.

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use common::workspace;
use odata_codegen::Config;

/// The requests of the seed API pages (`../shared/seeds/`, as the header of
/// `metadata/assignments.csdl.xml` lists them), with the chains that build them.
const SEEDS: &[(&str, &str)] = &[
    (
        "POST /officeConfiguration/clientConfigurations/{officeClientConfigurationId}/assignments",
        "GraphService::new().office_configuration().client_configurations().by_id(office_client_configuration_id).assignments().create(body)",
    ),
    (
        "POST /deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments",
        "GraphService::new().device_management().device_configurations().by_id(device_configuration_id).assignments().create(body)",
    ),
    (
        "POST /officeConfiguration/clientConfigurations/{key}/assignments",
        "GraphService::new().office_configuration().client_configurations().by_id(key).assignments().create(body)",
    ),
    (
        "POST /invitations/{invitationsId}/invitedUser/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}/assignments",
        "GraphService::new().invitations().by_id(invitations_id).invited_user().device_enrollment_configurations().by_id(device_enrollment_configuration_id).assignments().create(body)",
    ),
    (
        "POST /officeConfiguration/clientConfigurations/{officeClientConfigurationId}/assign",
        "GraphService::new().office_configuration().client_configurations().by_id(office_client_configuration_id).assign(body)",
    ),
];

fn config(includes: &[&str]) -> Config {
    let mut config = Config::new();
    config.input(workspace().join("metadata/assignments.csdl.xml"));
    for include in includes {
        config.include(*include);
    }
    config
}

fn chain(config: &Config, url: &str) -> String {
    let loaded = config.load().expect("loads");
    let mut results = config.resolve(&loaded, None, &[url]).expect("resolves");
    let resolution = results
        .remove(0)
        .unwrap_or_else(|e| panic!("{url}: {}", e.message));
    resolution
        .chain
        .unwrap_or_else(|why| panic!("{url}: {why}"))
        .text
}

#[test]
fn seed_requests_resolve_to_their_builder_chains() {
    for (url, expected) in SEEDS {
        assert_eq!(chain(&config(&[]), url), *expected, "{url}");
    }
}

#[test]
fn a_slice_of_a_seed_url_generates_its_request() {
    for (url, expected) in SEEDS {
        let (_, path) = odata_codegen::resolve::split_method(url);
        let slice = config(&[path]);
        // Resolving against the slice names only methods the slice generates.
        assert_eq!(chain(&slice, url), *expected, "--include {path}");
        let loaded = slice.load().expect("loads");
        let paths: String = slice
            .render(&loaded, odata_codegen::FIRST_VERSION)
            .expect("renders")
            .into_iter()
            .filter(|f| f.path.ends_with("paths.rs"))
            .map(|f| f.contents)
            .collect();
        for method in [
            "client_configurations",
            "device_configurations",
            "assignments",
        ] {
            if expected.contains(&format!(".{method}()")) {
                assert!(
                    paths.contains(&format!("pub fn {method}(")),
                    "{path}: {method}"
                );
            }
        }
    }
    // A URL beyond the bounds of the listing: two non-contained hops below the root.
    let deep = "/invitations/{id}/invitedUser/manager/$ref";
    assert!(chain(&config(&[deep]), &format!("PUT {deep}"))
        .ends_with(".manager().reference().set(&target, service_root)"));
}

fn cli(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_odata-codegen"))
        .current_dir(workspace())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("finishes");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn command_line_forms() {
    let (code, out, _) = cli(
        &["resolve", "POST", "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations('a')/assignments"],
        "",
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(
            "POST /deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("  request:   models::DeviceConfigurationAssignment\n"),
        "{out}"
    );
    assert!(
        out.contains(r#".device_configurations().by_id("a").assignments().create(body)"#),
        "{out}"
    );
    assert!(
        out.contains("note: `/beta` taken as the service root"),
        "{out}"
    );

    // Several URLs on standard input: one answer per line, in order; exit 1 when one fails.
    let input = "GET /deviceManagement/deviceconfigurations\n# a comment\n\n/deviceManagement/deviceConfigs\nDELETE /deviceManagement\n";
    let (code, out, _) = cli(&["resolve", "-"], input);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0], "GET /deviceManagement/deviceConfigurations → GraphService::new().device_management().device_configurations().list()");
    assert!(
        lines[1].contains("error at segment 2 `deviceConfigs`")
            && lines[1].contains("did you mean `deviceConfigurations`?"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("DELETE is not allowed here; allowed: GET PATCH PUT"),
        "{}",
        lines[2]
    );

    let (code, out, _) = cli(
        &["resolve", "--json", "-"],
        "GET /deviceManagement/deviceConfigurations/$count\n/nowhere\n",
    );
    assert_eq!(code, 1);
    let answers: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(answers[0]["resolved"], true);
    assert_eq!(answers[0]["response"], "i64");
    assert_eq!(
        answers[0]["path"],
        "/deviceManagement/deviceConfigurations/$count"
    );
    assert_eq!(answers[1]["resolved"], false);
    assert_eq!(answers[1]["error"]["segment"], 1);

    let (code, _, err) = cli(&["resolve", "FETCH", "/users"], "");
    assert_eq!(code, 2);
    assert!(err.contains("not an HTTP method"), "{err}");
}

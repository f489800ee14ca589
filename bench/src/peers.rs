//! Peers: other OData generators from the npm registry, timed on the same metadata in the same
//! run as odata-codegen. Installed once into `target/bench-peers` (reused while the pinned
//! versions stay the same); skipped with a message when they cannot be installed or run.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::measure;
use crate::report::Report;
use crate::stats::{megabytes, ratio, seconds, Samples};
use crate::table::Table;
use crate::{Bench, Generate};

/// Pinned, so that figures compare across runs. `@sap-cloud-sdk/generator` 4.8.0 (the newest)
/// needs a `generator-common` 4.8.0 that the registry here does not serve; 4.5.1 installs.
const PACKAGES: [(&str, &str); 2] = [
    ("@odata2ts/odata2ts", "0.34.0"),
    ("@sap-cloud-sdk/generator", "4.5.1"),
];

/// A metadata input for the peers.
pub struct Input<'a> {
    pub title: &'a str,
    pub path: &'a Path,
    /// A file name without dots: the SAP generator derives identifiers from it.
    pub plain_name: &'a str,
}

struct Peer {
    label: String,
    command: Command,
    /// Emptied before each run, so that every run writes everything.
    out: PathBuf,
}

pub fn run(bench: &Bench, report: &mut Report, inputs: &[Input]) -> Result<(), String> {
    let title = "Peers: other generators on the same metadata";
    let install_dir = bench.root.join("target").join("bench-peers");
    let installed = match install(bench, &install_dir) {
        Ok(()) => true,
        Err(why) => {
            let note =
                format!("SKIPPED: the peers could not be installed from the npm registry: {why}");
            eprintln!("{note}");
            report.section(title, "", &Table::new(&["generator"]), &[note]);
            false
        }
    };
    if !installed {
        return Ok(());
    }
    let bin = install_dir.join("node_modules").join(".bin");
    let work = bench.scratch.join("peers");
    let mut table = Table::new(&[
        "generator",
        "input",
        "wall min",
        "wall median",
        "peak memory median",
        "× odata-codegen (wall median)",
        "result",
    ]);
    let mut notes = Vec::new();
    for input in inputs {
        let sap_in = work.join(format!("in-{}", input.plain_name));
        let _ = std::fs::remove_dir_all(&sap_in);
        std::fs::create_dir_all(&sap_in).map_err(|e| e.to_string())?;
        std::fs::copy(
            input.path,
            sap_in.join(format!("{}.edmx", input.plain_name)),
        )
        .map_err(|e| e.to_string())?;
        // odata2ts reads the TypeScript settings of the directory it runs in.
        std::fs::write(
            work.join("tsconfig.json"),
            "{ \"compilerOptions\": { \"target\": \"ES2020\", \"module\": \"commonjs\", \"strict\": true } }\n",
        )
        .map_err(|e| e.to_string())?;
        let out = |name: &str| work.join(format!("out-{name}-{}", input.plain_name));
        let mut peers = [
            Peer {
                label: "odata-codegen (reference)".to_owned(),
                command: bench.generate_command(&Generate {
                    input: input.path,
                    includes: &[],
                    out: &out("odata-codegen"),
                    crate_name: "peer-reference",
                }),
                out: out("odata-codegen"),
            },
            Peer {
                label: format!(
                    "odata2ts {} (`-m all -e ts`)",
                    version(&install_dir, PACKAGES[0].0)
                ),
                command: {
                    let mut c = Command::new(bin.join("odata2ts"));
                    c.arg("-s")
                        .arg(input.path)
                        .arg("-o")
                        .arg(out("odata2ts"))
                        .args(["-m", "all", "-e", "ts"])
                        .current_dir(&work);
                    c
                },
                out: out("odata2ts"),
            },
            Peer {
                label: format!(
                    "SAP Cloud SDK generator {} (`generate-odata-client`)",
                    version(&install_dir, PACKAGES[1].0)
                ),
                command: {
                    let mut c = Command::new(bin.join("generate-odata-client"));
                    c.arg("-i")
                        .arg(&sap_in)
                        .arg("-o")
                        .arg(out("sap"))
                        .args(["--skipValidation", "--overwrite", "--clearOutputDir"])
                        .current_dir(&work);
                    c
                },
                out: out("sap"),
            },
        ];
        let mut reference = f64::NAN;
        for (index, peer) in peers.iter_mut().enumerate() {
            let (wall, peak, result) = time_peer(bench, peer, &out_name(index, input))?;
            if index == 0 {
                reference = wall.median();
            }
            let succeeded = result.is_none();
            table.row(vec![
                peer.label.clone(),
                input.title.to_owned(),
                seconds(wall.min()),
                seconds(wall.median()),
                megabytes(peak.median()),
                if succeeded {
                    ratio(wall.median() / reference)
                } else {
                    "–".to_owned()
                },
                if succeeded {
                    format!("ok ({} run(s))", wall.len())
                } else {
                    "**failed** (time until failure)".to_owned()
                },
            ]);
            if let Some(error) = result {
                notes.push(format!("{} on {}: {error}", peer.label, input.title));
            }
        }
    }
    let lead = format!(
        "Each generator reads the same file, up to {} run(s) (a generator that fails is run once); \
         odata-codegen is timed on the same input in the same run as the reference. Installed \
         with npm into `target/bench-peers` (node {}). The SAP generator is given a copy named \
         `<name>.edmx`: it derives identifiers from the file name, and a dotted name such as \
         `assignments.csdl.xml` makes it emit invalid TypeScript.",
        bench.peer_runs(),
        node_version()
    );
    report.section(title, &lead, &table, &notes);
    Ok(())
}

fn out_name(index: usize, input: &Input) -> String {
    format!("peer-{index}-{}", input.plain_name)
}

/// Runs a peer up to `peer_runs` times; the error message (cleaned) when it fails.
fn time_peer(
    bench: &Bench,
    peer: &mut Peer,
    log_name: &str,
) -> Result<(Samples, Samples, Option<String>), String> {
    let mut wall = Samples::new();
    let mut peak = Samples::new();
    for i in 0..bench.peer_runs() {
        eprintln!("peers: {} run {}/{}", peer.label, i + 1, bench.peer_runs());
        let log = bench.logs.join(format!("{log_name}.log"));
        if peer.out.exists() {
            std::fs::remove_dir_all(&peer.out)
                .map_err(|e| format!("{}: {e}", peer.out.display()))?;
        }
        let run = measure::run(&mut peer.command, &log)?;
        wall.push_duration(run.wall);
        peak.push(run.peak_rss as f64);
        if !run.success {
            return Ok((wall, peak, Some(error_line(&run.output))));
        }
    }
    Ok((wall, peak, None))
}

/// The most telling line of a failed run: the first that names an error, without colours.
fn error_line(output: &str) -> String {
    let clean = strip_ansi(output);
    let line = clean
        .lines()
        .filter(|l| !l.trim_start().starts_with("at "))
        .find(|l| l.contains("Error") || l.contains("error"))
        .or_else(|| clean.lines().rev().find(|l| !l.trim().is_empty()))
        .unwrap_or("no output")
        .trim();
    // A leading `[timestamp]` says nothing about the error.
    let line = match line
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("] "))
    {
        Some((_, rest)) => rest.trim(),
        None => line,
    };
    let mut short: String = line.chars().take(220).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    // The cause, when the tool prints it on the next line.
    if let Some(cause) = clean
        .lines()
        .skip_while(|l| !l.starts_with("Caused by:"))
        .nth(1)
    {
        let cause: String = cause.trim().chars().take(160).collect();
        short.push_str(&format!(" — caused by: {cause}…"));
    }
    short.replace('|', "\\|")
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Skip to the end of the escape sequence (a letter).
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `npm install` of the pinned packages, unless the same set is already installed.
fn install(bench: &Bench, dir: &Path) -> Result<(), String> {
    let specs: Vec<String> = PACKAGES.iter().map(|(n, v)| format!("{n}@{v}")).collect();
    let stamp = dir.join("installed.txt");
    let wanted = specs.join("\n");
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("package.json"), "{ \"private\": true }\n")
        .map_err(|e| e.to_string())?;
    eprintln!("peers: npm install {}", specs.join(" "));
    // `timeout`: an unreachable registry must not stall the suite.
    let run = measure::run(
        Command::new("timeout")
            .arg("600")
            .arg("npm")
            .args(["install", "--no-audit", "--no-fund", "--loglevel=error"])
            .args(&specs)
            .current_dir(dir),
        &bench.logs.join("npm-install.log"),
    )
    .map_err(|e| format!("npm is not available ({e})"))?;
    if !run.success {
        return Err(format!(
            "`npm install {}` failed: {}",
            specs.join(" "),
            error_line(&run.output)
        ));
    }
    std::fs::write(&stamp, wanted).map_err(|e| e.to_string())?;
    Ok(())
}

fn version(dir: &Path, package: &str) -> String {
    let manifest: PathBuf = dir.join("node_modules").join(package).join("package.json");
    std::fs::read_to_string(manifest)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v["version"].as_str().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned())
}

fn node_version() -> String {
    Command::new("node")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "?".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_line_is_found_without_colours_or_stack() {
        let output = "\u{1b}[33mWARN\u{1b}[39m naming conflict\n\u{1b}[31mERROR\u{1b}[39m (cli): ErrorWithCause: Generation failed.\nCaused by:\nError: Failed to find the entity\n    at f (x.js:1:1)\n";
        assert_eq!(
            error_line(output),
            "ERROR (cli): ErrorWithCause: Generation failed. — caused by: Error: Failed to find the entity…"
        );
        assert_eq!(
            error_line("[2026-01-01T00:00:00Z] ERROR boom\n"),
            "ERROR boom"
        );
    }
}

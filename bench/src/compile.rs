//! Compile time of generated crates against reference crates of the same types.
//!
//! Every crate lives outside the workspace, in the scratch directory, and shares one target
//! directory, so dependencies are built once (not counted). Each timed run first cleans the
//! crate itself (`cargo clean -p`, not counted), then builds or checks it from scratch with the
//! default dev profile.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::floor;
use crate::measure;
use crate::report::{self, Report};
use crate::stats::{megabytes, ratio, seconds, Samples};
use crate::table::Table;
use crate::Bench;

/// One crate to compile: the generated one or a reference.
struct Subject {
    name: String,
    label: String,
    dir: PathBuf,
}

/// Wall and peak memory of one cargo command over the runs.
struct Figures {
    wall: Samples,
    peak: Samples,
}

/// A metadata input and the crates compiled from it.
pub struct Input<'a> {
    pub title: &'a str,
    pub path: &'a Path,
    pub crate_name: &'a str,
    /// Whether the targets apply (the whole Graph crate).
    pub has_targets: bool,
}

pub fn run(bench: &Bench, report: &mut Report, input: &Input) -> Result<(), String> {
    let root = bench.scratch.join("crates");
    let target_dir = root.join("target");
    let mut subjects = vec![generated(bench, &root, input)?];
    let loaded = odata_codegen::Config::new()
        .input(input.path)
        .load()
        .map_err(|e| e.to_string())?;
    for flavor in bench.flavors() {
        let name = format!("{}-{}", input.crate_name, flavor.suffix());
        let dir = root.join(&name);
        for (path, contents) in floor::crate_files(&loaded.model, &name, flavor) {
            write(&dir.join(path), &contents)?;
        }
        subjects.push(Subject {
            name,
            label: flavor.label().to_owned(),
            dir,
        });
    }
    let lock = bench.root.join("Cargo.lock");
    let commands = ["build", "check"];
    let mut results: Vec<(usize, &str, Figures)> = Vec::new();
    for (index, subject) in subjects.iter().enumerate() {
        // The workspace's lock file: the same dependency versions, and no registry look-up.
        std::fs::copy(&lock, subject.dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
        let warm_up = dependencies_only(subject, &root)?;
        for command in commands {
            eprintln!(
                "compile: {} `cargo {command}` of {}",
                input.title, subject.name
            );
            // The dependencies, not counted: built through a crate that has the same ones and
            // no code, so the subject itself is compiled only in timed runs.
            cargo(bench, &warm_up, &target_dir, &[command], "warm-up")?;
            let mut figures = Figures {
                wall: Samples::new(),
                peak: Samples::new(),
            };
            for _ in 0..bench.compile_runs {
                cargo(
                    bench,
                    &subject.dir,
                    &target_dir,
                    &["clean", "-p", &subject.name],
                    "clean",
                )?;
                let run = cargo(bench, &subject.dir, &target_dir, &[command], command)?;
                figures.wall.push_duration(run.wall);
                figures.peak.push(run.peak_rss as f64);
            }
            results.push((index, command, figures));
        }
    }
    let median_of = |suffix: &str, command: &str| {
        results
            .iter()
            .find(|(i, c, _)| subjects[*i].name.ends_with(suffix) && *c == command)
            .map(|(_, _, f)| f.wall.median())
            .unwrap_or(f64::NAN)
    };
    let floor_of = |command: &str| median_of("-floor", command);
    let mut table = Table::new(&[
        "crate",
        "command",
        "wall min",
        "wall median",
        "peak memory median",
        "× floor (wall median)",
    ]);
    for (index, command, figures) in &results {
        table.row(vec![
            subjects[*index].label.clone(),
            format!("`cargo {command}`"),
            seconds(figures.wall.min()),
            seconds(figures.wall.median()),
            megabytes(figures.peak.median()),
            ratio(figures.wall.median() / floor_of(command)),
        ]);
    }
    let lead = format!(
        "{} run(s) each: the crate generated from `{}` and reference crates of the same types \
         (every entity and complex type a struct of `Option` fields, inherited and navigation \
         properties included, every enum a plain enum; no path builders, no runtime), in one run. \
         Dependencies are built beforehand and not counted; each run cleans the crate \
         (`cargo clean -p`) and compiles it from scratch (dev profile, incremental as by default). \
         Peak memory is the largest process of the cargo tree (rustc).",
        bench.compile_runs,
        bench.show(input.path)
    );
    report.section(
        &format!("Compile time: {}", input.title),
        &lead,
        &table,
        &[],
    );
    if input.has_targets {
        let build = results
            .iter()
            .find(|(i, c, _)| *i == 0 && *c == "build")
            .map(|(_, _, f)| f);
        if let Some(build) = build {
            let what = format!("{} debug build: wall", input.title);
            report.target(report::at_most(&what, 30.0, build.wall.median(), seconds));
            let what = format!("{} debug build: peak memory", input.title);
            report.target(report::at_most(&what, 2e9, build.peak.median(), megabytes));
            let what = format!("{} debug build: × no-serde floor", input.title);
            report.target(report::at_most_ratio(
                &what,
                2.0,
                build.wall.median() / floor_of("build"),
            ));
            // The same goal against the same structs with the std derives the generated types
            // have: what remains is the price of serde support and path builders.
            let what = format!(
                "{} debug build: × plain structs + std derives (no serde)",
                input.title
            );
            report.target(report::at_most_ratio(
                &what,
                2.0,
                build.wall.median() / median_of("-std", "build"),
            ));
        }
    }
    Ok(())
}

fn generated(bench: &Bench, root: &Path, input: &Input) -> Result<Subject, String> {
    let dir = root.join(input.crate_name);
    let log = bench
        .logs
        .join(format!("generate-{}.log", input.crate_name));
    measure::run_ok(
        Command::new(&bench.codegen)
            .arg("generate")
            .arg("--input")
            .arg(input.path)
            .arg("--out")
            .arg(&dir)
            .arg("--crate-name")
            .arg(input.crate_name)
            // The workspace's runtime crate, by absolute path: a dependency like serde (built
            // in the warm-up, through the dependencies-only crate, which copies this path), and
            // one compilation for every generated crate in the scratch directory.
            .arg("--runtime-path")
            .arg(bench.root.join("templates")),
        &log,
    )?;
    Ok(Subject {
        name: input.crate_name.to_owned(),
        label: "generated by odata-codegen".to_owned(),
        dir,
    })
}

/// A crate with the subject's `[dependencies]` (and lock file) and an empty library.
fn dependencies_only(subject: &Subject, root: &Path) -> Result<PathBuf, String> {
    let name = format!("{}-dependencies", subject.name);
    let dir = root.join(&name);
    let manifest = std::fs::read_to_string(subject.dir.join("Cargo.toml"))
        .map_err(|e| format!("{}: {e}", subject.dir.display()))?;
    let dependencies = manifest
        .find("[dependencies]")
        .map(|at| &manifest[at..])
        .unwrap_or("");
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n{dependencies}"
    );
    write(&dir.join("Cargo.toml"), &manifest)?;
    write(&dir.join("src/lib.rs"), "")?;
    std::fs::copy(subject.dir.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| e.to_string())?;
    Ok(dir)
}

fn cargo(
    bench: &Bench,
    dir: &Path,
    target_dir: &Path,
    args: &[&str],
    what: &str,
) -> Result<measure::Run, String> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    let log = bench
        .logs
        .join(format!("cargo-{}-{what}.log", name.unwrap_or_default()));
    measure::run_ok(
        Command::new(bench.cargo())
            .args(args)
            .arg("--quiet")
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target_dir),
        &log,
    )
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    // Unchanged files keep their modification time, as the generator's writer does.
    if std::fs::read_to_string(path).is_ok_and(|existing| existing == contents) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

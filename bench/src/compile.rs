//! Compile time of generated crates against reference crates of the same types, in three
//! sections: the whole Microsoft Graph v1.0 crate (`compile-graph`), one area of it as a Cargo
//! feature and as a slice (`compile-area`), and the small slices (`compile-slices`).
//!
//! Every crate lives outside the workspace, in the scratch directory, and shares one target
//! directory. Dependencies are built beforehand through a crate with the same dependencies and
//! features and an empty library (once per manifest, command and feature set), so each timed
//! run compiles only the crate itself. Each timed run first cleans the crate (`cargo clean -p`,
//! not counted), then runs the command from scratch with the default dev profile; the
//! incremental rebuild instead changes `src/lib.rs` of a built crate and builds again. Before
//! each `cargo doc`, the documentation directory is emptied (rustdoc merges the search index of
//! every crate already there into each new one).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use heck::ToKebabCase;

use crate::floor::{self, Flavor};
use crate::measure;
use crate::report::{self, Report};
use crate::stats::{megabytes, ratio, seconds, Samples};
use crate::table::Table;
use crate::{Bench, Generate};

/// The root of the area compiled as a Cargo feature and as a slice.
pub const AREA: &str = "/deviceManagement";

/// The Intune assignment slice of Microsoft Graph (as `.ci/run` generates it).
pub const INTUNE: [&str; 5] = [
    "/deviceManagement/deviceConfigurations",
    "/deviceManagement/deviceCompliancePolicies",
    "/deviceManagement/deviceEnrollmentConfigurations",
    "/deviceAppManagement/mobileApps",
    "/deviceAppManagement/managedAppPolicies",
];

/// The goals of issue 14.
const BUILD_VS_STD: f64 = 2.0;
const BUILD_PEAK: f64 = 1500e6;
const DOC_PEAK: f64 = 4000e6;
const FEATURE_VS_SLICE: f64 = 2.0;

/// A cargo command measured on every crate of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// `cargo build` from scratch.
    Build,
    /// `cargo build` again after a constant is appended to `src/lib.rs`.
    Rebuild,
    /// `cargo check` from scratch.
    Check,
    /// `cargo doc --no-deps` from scratch.
    Doc,
}

impl Step {
    fn label(self) -> &'static str {
        match self {
            Step::Build => "`cargo build`",
            Step::Rebuild => "`cargo build` after a change (incremental)",
            Step::Check => "`cargo check`",
            Step::Doc => "`cargo doc --no-deps`",
        }
    }

    fn args(self) -> &'static [&'static str] {
        match self {
            Step::Build | Step::Rebuild => &["build"],
            Step::Check => &["check"],
            Step::Doc => &["doc", "--no-deps"],
        }
    }

    /// For log file names.
    fn key(self) -> &'static str {
        match self {
            Step::Build => "build",
            Step::Rebuild => "rebuild",
            Step::Check => "check",
            Step::Doc => "doc",
        }
    }
}

/// One crate to compile: a generated one or a reference.
struct Subject {
    /// The package name.
    name: String,
    label: String,
    dir: PathBuf,
    /// Added to every cargo command (features).
    args: Vec<String>,
    /// Why it cannot be compiled in this run (a missing feature): a row that says so.
    missing: Option<String>,
    /// A failed command is a row that says so, not an error of the suite.
    fallible: bool,
    /// What the "× std derives" column divides by.
    flavor: Option<Flavor>,
}

/// What one step gave on one crate.
enum Outcome {
    Measured { wall: Samples, peak: Samples },
    Failed(String),
    NotRun(String),
}

struct Row {
    subject: usize,
    step: Step,
    outcome: Outcome,
}

/// Runs cargo on the crates of every compile section, in one shared target directory.
pub struct Compiler<'a> {
    bench: &'a Bench,
    root: PathBuf,
    target_dir: PathBuf,
    /// Dependency sets already built: (dependency tables, cargo arguments).
    warmed: BTreeSet<(String, Vec<String>)>,
}

impl<'a> Compiler<'a> {
    pub fn new(bench: &'a Bench) -> Result<Self, String> {
        let root = bench.scratch.join("crates");
        std::fs::create_dir_all(&root).map_err(|e| format!("{}: {e}", root.display()))?;
        Ok(Compiler {
            bench,
            target_dir: root.join("target"),
            root,
            warmed: BTreeSet::new(),
        })
    }

    /// Generates the whole crate of `input`, builds its dependencies as `cargo check` does and
    /// cleans the crate itself, for a section that runs its own command on it (`profile`): its
    /// directory, and `cargo` set up to run there (the shared target directory, `--quiet`).
    pub fn ready_to_check(
        &mut self,
        input: &Path,
        name: &str,
    ) -> Result<(PathBuf, Command), String> {
        let subject = self.generated(input, &[], name)?;
        self.ready(&subject, Step::Check)?;
        self.prepare(&subject, &["clean", "-p", name], "clean")?;
        let command = self.command(&subject.dir, &[]);
        Ok((subject.dir, command))
    }

    /// Where the output of a command of the suite goes.
    pub fn log_path(&self, what: &str) -> PathBuf {
        self.bench.logs.join(format!("cargo-{what}.log"))
    }

    /// A path as the report shows it.
    pub fn show(&self, path: &Path) -> String {
        self.bench.show(path)
    }

    /// Generates a crate into the scratch directory.
    fn generated(&self, input: &Path, includes: &[&str], name: &str) -> Result<Subject, String> {
        let dir = self.root.join(name);
        self.bench.generate(&Generate {
            input,
            includes,
            out: &dir,
            crate_name: name,
        })?;
        Ok(Subject {
            name: name.to_owned(),
            label: "generated by odata-codegen".to_owned(),
            dir,
            args: Vec::new(),
            missing: None,
            fallible: false,
            flavor: None,
        })
    }

    /// The reference crates of the same types (of the slice the patterns select).
    fn references(
        &self,
        input: &Path,
        includes: &[&str],
        base: &str,
    ) -> Result<Vec<Subject>, String> {
        let mut config = odata_codegen::Config::new();
        config.input(input);
        for pattern in includes {
            config.include(*pattern);
        }
        let loaded = config.load().map_err(|e| e.to_string())?;
        let slice = if includes.is_empty() {
            None
        } else {
            Some(config.slice(&loaded).map_err(|e| e.to_string())?.types)
        };
        let mut subjects = Vec::new();
        for flavor in self.bench.flavors() {
            let name = format!("{base}-{}", flavor.suffix());
            let dir = self.root.join(&name);
            for (path, contents) in floor::crate_files(&loaded.model, slice.as_ref(), &name, flavor)
            {
                write(&dir.join(path), &contents)?;
            }
            subjects.push(Subject {
                name,
                label: flavor.label().to_owned(),
                dir,
                args: Vec::new(),
                missing: None,
                fallible: false,
                flavor: Some(flavor),
            });
        }
        Ok(subjects)
    }

    /// Every step on every crate, crate by crate.
    fn measure(&mut self, subjects: &[Subject], steps: &[Step]) -> Result<Vec<Row>, String> {
        let mut rows = Vec::new();
        for (index, subject) in subjects.iter().enumerate() {
            for &step in steps {
                let outcome = match &subject.missing {
                    Some(why) => Outcome::NotRun(why.clone()),
                    None => self.step(subject, step)?,
                };
                rows.push(Row {
                    subject: index,
                    step,
                    outcome,
                });
            }
        }
        Ok(rows)
    }

    fn step(&mut self, subject: &Subject, step: Step) -> Result<Outcome, String> {
        if let Err(error) = self.ready(subject, step) {
            return fail(subject, error);
        }
        let runs = self.bench.compile_runs;
        eprintln!(
            "compile: {} of {}{} ({runs} run(s))",
            step.label(),
            subject.name,
            if subject.args.is_empty() {
                String::new()
            } else {
                format!(" {}", subject.args.join(" "))
            }
        );
        let lib = subject.dir.join("src").join("lib.rs");
        let _restore = match step {
            Step::Rebuild => Some(Restore::new(&lib)?),
            _ => None,
        };
        let mut wall = Samples::new();
        let mut peak = Samples::new();
        for run in 0..runs {
            match step {
                Step::Rebuild => {
                    // What is changed is a built crate (built already by `Step::Build`: then
                    // this is quick), changed differently in each run.
                    self.prepare(subject, &["build"], "prepare")?;
                    let original = _restore.as_ref().map(|r| r.original.as_str());
                    write(&lib, &touched(original.unwrap_or_default(), run))?;
                }
                _ => {
                    self.prepare(subject, &["clean", "-p", &subject.name], "clean")?;
                    if step == Step::Doc {
                        self.remove_docs()?;
                    }
                }
            }
            let run = self.cargo(subject, step.args(), step.key())?;
            if !run.success {
                let error = format!(
                    "{} failed (log: {}):\n{}",
                    step.label(),
                    self.bench.show(&self.log(subject, step.key())),
                    run.tail(8)
                );
                return fail(subject, error);
            }
            wall.push_duration(run.wall);
            peak.push(run.peak_rss as f64);
        }
        Ok(Outcome::Measured { wall, peak })
    }

    /// Gives the subject the workspace's lock file (the same dependency versions, and no
    /// registry look-up) and builds its dependencies for `step`.
    fn ready(&mut self, subject: &Subject, step: Step) -> Result<(), String> {
        let lock = self.bench.root.join("Cargo.lock");
        std::fs::copy(&lock, subject.dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
        self.warm_up(subject, step)
    }

    /// Removes every crate's documentation: rustdoc merges the search index of each crate
    /// already documented in the directory into the new one, so the crate documented before
    /// (the whole Graph crate, 36 MB of index) would be paid again by the next.
    fn remove_docs(&self) -> Result<(), String> {
        let doc = self.target_dir.join("doc");
        if doc.exists() {
            std::fs::remove_dir_all(&doc).map_err(|e| format!("{}: {e}", doc.display()))?;
        }
        Ok(())
    }

    /// Builds the subject's dependencies through a crate that has the same ones and no code, so
    /// that the subject itself is compiled only in timed runs. Once per dependency set.
    fn warm_up(&mut self, subject: &Subject, step: Step) -> Result<(), String> {
        let manifest = std::fs::read_to_string(subject.dir.join("Cargo.toml"))
            .map_err(|e| format!("{}: {e}", subject.dir.display()))?;
        let tables = dependency_tables(&manifest);
        let mut args: Vec<String> = step.args().iter().map(|a| (*a).to_owned()).collect();
        args.extend(subject.args.iter().cloned());
        if !self.warmed.insert((tables.clone(), args.clone())) {
            return Ok(());
        }
        let name = format!("{}-dependencies", subject.name);
        let dir = self.root.join(&name);
        let manifest = format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n{tables}"
        );
        write(&dir.join("Cargo.toml"), &manifest)?;
        write(&dir.join("src/lib.rs"), "")?;
        std::fs::copy(subject.dir.join("Cargo.lock"), dir.join("Cargo.lock"))
            .map_err(|e| e.to_string())?;
        eprintln!(
            "compile: dependencies of {} (`cargo {}`)",
            subject.name,
            args.join(" ")
        );
        if step == Step::Doc {
            self.remove_docs()?;
        }
        let log = self
            .bench
            .logs
            .join(format!("cargo-{name}-{}.log", step.key()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = measure::run(&mut self.command(&dir, &args), &log)?;
        if run.success {
            Ok(())
        } else {
            Err(format!(
                "building the dependencies failed (log: {}):\n{}",
                self.bench.show(&log),
                run.tail(8)
            ))
        }
    }

    /// Runs `cargo <args> <subject's args>` in the subject's directory, measured; whether it
    /// succeeded is in the result.
    fn cargo(&self, subject: &Subject, args: &[&str], what: &str) -> Result<measure::Run, String> {
        let mut all: Vec<&str> = args.to_vec();
        if args.first() != Some(&"clean") {
            all.extend(subject.args.iter().map(String::as_str));
        }
        measure::run(
            &mut self.command(&subject.dir, &all),
            &self.log(subject, what),
        )
    }

    /// A preparation (a clean, the build before a change): it must work.
    fn prepare(&self, subject: &Subject, args: &[&str], what: &str) -> Result<(), String> {
        let run = self.cargo(subject, args, what)?;
        if run.success {
            Ok(())
        } else {
            Err(format!(
                "`cargo {}` in {} failed (log: {}):\n{}",
                args.join(" "),
                subject.dir.display(),
                self.log(subject, what).display(),
                run.tail(15)
            ))
        }
    }

    fn command(&self, dir: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(self.bench.cargo());
        command
            .args(args)
            .arg("--quiet")
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &self.target_dir);
        command
    }

    fn log(&self, subject: &Subject, what: &str) -> PathBuf {
        self.log_path(&format!("{}-{what}", subject.name))
    }
}

/// A failure of a measured command: a row for a fallible subject, else the suite's error.
fn fail(subject: &Subject, error: String) -> Result<Outcome, String> {
    if subject.fallible {
        eprintln!("compile: {}: {error}", subject.name);
        Ok(Outcome::Failed(error))
    } else {
        Err(error)
    }
}

/// Puts a file back as it was when dropped (after the incremental rebuilds).
struct Restore {
    path: PathBuf,
    original: String,
}

impl Restore {
    fn new(path: &Path) -> Result<Self, String> {
        let original =
            std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Restore {
            path: path.to_owned(),
            original,
        })
    }
}

impl Drop for Restore {
    fn drop(&mut self) {
        if let Err(e) = std::fs::write(&self.path, &self.original) {
            eprintln!("cannot restore {}: {e}", self.path.display());
        }
    }
}

/// `src/lib.rs` with one more constant: a change every build must compile, different per run.
fn touched(original: &str, run: usize) -> String {
    format!("{original}\n#[doc(hidden)]\npub const BENCH_TOUCHED: usize = {run};\n")
}

/// The tables of a manifest that decide which dependencies are built and how: dependencies
/// (target-specific ones too) and features. Not `[package]`, `[lib]` and the like.
fn dependency_tables(manifest: &str) -> String {
    let mut out = String::new();
    let mut keep = false;
    for line in manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            let header = trimmed.trim_matches(['[', ']']).trim();
            keep = header == "dependencies"
                || header == "features"
                || header.starts_with("dependencies.")
                || (header.starts_with("target.") && header.contains("dependencies"));
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Whether the manifest's `[features]` table declares `feature`.
fn has_feature(manifest: &str, feature: &str) -> bool {
    let mut in_features = false;
    for line in manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_features = trimmed == "[features]";
        } else if in_features {
            if let Some((key, _)) = trimmed.split_once('=') {
                if key.trim().trim_matches('"') == feature {
                    return true;
                }
            }
        }
    }
    false
}

/// The Cargo feature of the area under a root: the root's name in kebab case, as the
/// generator names it (`/deviceManagement` → `device-management`).
pub fn feature_name(root: &str) -> String {
    root.trim_start_matches('/').to_kebab_case()
}

/// The table of a section: every crate and step, with the ratio to the std-derives reference.
fn table(subjects: &[Subject], rows: &[Row]) -> (Table, Vec<String>) {
    let std_median = |step: Step| {
        rows.iter()
            .find(|r| subjects[r.subject].flavor == Some(Flavor::StdDerives) && r.step == step)
            .and_then(|r| match &r.outcome {
                Outcome::Measured { wall, .. } => Some(wall.median()),
                _ => None,
            })
            .unwrap_or(f64::NAN)
    };
    let mut table = Table::new(&[
        "crate",
        "command",
        "wall min",
        "wall median",
        "peak memory median",
        "× std derives (wall median)",
    ]);
    let mut notes = Vec::new();
    for row in rows {
        let subject = &subjects[row.subject];
        let mut cells = vec![subject.label.clone(), row.step.label().to_owned()];
        match &row.outcome {
            Outcome::Measured { wall, peak } => cells.extend([
                seconds(wall.min()),
                seconds(wall.median()),
                megabytes(peak.median()),
                ratio(wall.median() / std_median(row.step)),
            ]),
            Outcome::Failed(why) | Outcome::NotRun(why) => {
                let what = if matches!(row.outcome, Outcome::Failed(_)) {
                    "**failed**"
                } else {
                    "not run"
                };
                cells.extend([
                    "–".to_owned(),
                    what.to_owned(),
                    "–".to_owned(),
                    "–".to_owned(),
                ]);
                // One note per crate and reason (a missing feature is the same for every step).
                let first = why.lines().next().unwrap_or_default();
                let note = format!("{}: {what}: {first}", subject.label);
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
        table.row(cells);
    }
    (table, notes)
}

fn figures(rows: &[Row], subject: usize, step: Step) -> Option<(&Samples, &Samples)> {
    rows.iter()
        .find(|r| r.subject == subject && r.step == step)
        .and_then(|r| match &r.outcome {
            Outcome::Measured { wall, peak } => Some((wall, peak)),
            _ => None,
        })
}

fn std_wall(subjects: &[Subject], rows: &[Row], step: Step) -> Option<f64> {
    let index = subjects
        .iter()
        .position(|s| s.flavor == Some(Flavor::StdDerives))?;
    figures(rows, index, step).map(|(wall, _)| wall.median())
}

fn method(bench: &Bench) -> String {
    format!(
        "{} run(s) of each command, in one run of the suite. The references are crates of the \
         same types written plainly (every entity and complex type a struct of `Option` fields, \
         inherited and navigation properties included, every enum a plain enum; no path \
         builders, no runtime): no derives (the floor), the std derives the generated types \
         have, and those with naive serde derives. Dependencies are built beforehand and not \
         counted; each run cleans the crate (`cargo clean -p`) and runs the command from \
         scratch (dev profile, incremental as by default); the incremental rebuild appends a \
         constant to `src/lib.rs` of the built crate and builds again. Peak memory is the \
         largest process of the cargo tree (rustc or rustdoc).",
        bench.compile_runs
    )
}

/// `compile-graph`: the whole Graph crate, built, rebuilt, checked and documented.
pub fn graph(compiler: &mut Compiler, report: &mut Report, graph: &Path) -> Result<(), String> {
    let title = "Microsoft Graph v1.0";
    let mut subjects = vec![compiler.generated(graph, &[], "graph-v1")?];
    subjects.extend(compiler.references(graph, &[], "graph-v1")?);
    let rows = compiler.measure(
        &subjects,
        &[Step::Build, Step::Rebuild, Step::Check, Step::Doc],
    )?;
    let (table, notes) = table(&subjects, &rows);
    let lead = format!(
        "The whole crate generated from `{}` (every area; default features). {}",
        compiler.bench.show(graph),
        method(compiler.bench)
    );
    report.section(
        &format!("Compile time: {title}, the whole crate"),
        &lead,
        &table,
        &notes,
    );
    let build = figures(&rows, 0, Step::Build);
    let what = format!("{title} debug build: × std derives");
    match (build, std_wall(&subjects, &rows, Step::Build)) {
        (Some((wall, _)), Some(std)) => report.target(report::at_most_ratio(
            &what,
            BUILD_VS_STD,
            wall.median() / std,
        )),
        _ => report.target(report::unmeasured(
            &what,
            "≤ 2.0×",
            "the std-derives reference was not built",
        )),
    }
    if let Some((_, peak)) = build {
        let what = format!("{title} debug build: peak memory");
        report.target(report::at_most(&what, BUILD_PEAK, peak.median(), megabytes));
    }
    if let Some((_, peak)) = figures(&rows, 0, Step::Doc) {
        let what = format!("{title} `cargo doc --no-deps`: peak memory");
        report.target(report::at_most(&what, DOC_PEAK, peak.median(), megabytes));
    }
    Ok(())
}

/// `compile-area`: the whole Graph crate with only the feature of one area, against the slice
/// of that area.
pub fn area(
    compiler: &mut Compiler,
    report: &mut Report,
    graph: &Path,
    root: &str,
) -> Result<(), String> {
    let feature = feature_name(root);
    let mut whole = compiler.generated(graph, &[], "graph-v1")?;
    let manifest = std::fs::read_to_string(whole.dir.join("Cargo.toml"))
        .map_err(|e| format!("{}: {e}", whole.dir.display()))?;
    whole.args = vec![
        "--no-default-features".to_owned(),
        "--features".to_owned(),
        feature.clone(),
    ];
    whole.label = format!("generated, whole crate, `--no-default-features --features {feature}`");
    whole.fallible = true;
    if !has_feature(&manifest, &feature) {
        whole.missing = Some(format!(
            "the generated Cargo.toml has no feature `{feature}` (the generator has no per-area features yet)"
        ));
    }
    let slice_name = format!("graph-{feature}");
    let mut slice = compiler.generated(graph, &[root], &slice_name)?;
    slice.label = format!("generated with `--include {root}`");
    let mut subjects = vec![whole, slice];
    subjects.extend(compiler.references(graph, &[root], &slice_name)?);
    let rows = compiler.measure(&subjects, &[Step::Build, Step::Check])?;
    let (table, notes) = table(&subjects, &rows);
    let lead = format!(
        "One area of `{}`, `{root}`, two ways: the whole crate built with only the area's Cargo \
         feature, `{feature}`, and the crate generated with `--include {root}`; the references \
         have the types of that slice. {}",
        compiler.bench.show(graph),
        method(compiler.bench)
    );
    report.section(
        &format!("Compile time: Microsoft Graph v1.0, the area {root}"),
        &lead,
        &table,
        &notes,
    );
    let what = format!("`--features {feature}` build: × `--include {root}` build");
    match (
        figures(&rows, 0, Step::Build),
        figures(&rows, 1, Step::Build),
    ) {
        (Some((feature_wall, _)), Some((slice_wall, _))) => report.target(report::at_most_ratio(
            &what,
            FEATURE_VS_SLICE,
            feature_wall.median() / slice_wall.median(),
        )),
        _ => {
            let why = match &rows[0].outcome {
                Outcome::NotRun(why) | Outcome::Failed(why) => why.lines().next().unwrap_or(""),
                Outcome::Measured { .. } => "the slice was not built",
            };
            report.target(report::unmeasured(&what, "≤ 2.0×", why))
        }
    }
    Ok(())
}

/// `compile-slices`: the Intune assignment slice of Graph (when given) and the committed
/// metadata/assignments.
pub fn slices(
    compiler: &mut Compiler,
    report: &mut Report,
    graph: Option<&Path>,
    assignments: &Path,
) -> Result<(), String> {
    if let Some(graph) = graph {
        let mut generated = compiler.generated(graph, &INTUNE, "graph-intune")?;
        generated.label = "generated with the five `--include`s".to_owned();
        let mut subjects = vec![generated];
        subjects.extend(compiler.references(graph, &INTUNE, "graph-intune")?);
        let rows = compiler.measure(&subjects, &[Step::Build, Step::Check])?;
        let (table, notes) = table(&subjects, &rows);
        let includes: Vec<String> = INTUNE.iter().map(|p| format!("`{p}`")).collect();
        let lead = format!(
            "The Intune assignment slice of `{}`: `--include` {}; the references have the types \
             of that slice. {}",
            compiler.bench.show(graph),
            includes.join(", "),
            method(compiler.bench)
        );
        report.section(
            "Compile time: the Intune assignment slice of Microsoft Graph v1.0",
            &lead,
            &table,
            &notes,
        );
    }
    let mut subjects = vec![compiler.generated(assignments, &[], "assignments")?];
    subjects.extend(compiler.references(assignments, &[], "assignments")?);
    let rows = compiler.measure(&subjects, &[Step::Build, Step::Check])?;
    let (table, mut notes) = table(&subjects, &rows);
    if graph.is_none() {
        notes.push("The Intune slice of Graph is not compiled in this run.".to_owned());
    }
    let lead = format!(
        "The committed assignment scope, `{}`. {}",
        compiler.bench.show(assignments),
        method(compiler.bench)
    );
    report.section(
        &format!(
            "Compile time: assignment slice ({})",
            compiler.bench.show(assignments)
        ),
        &lead,
        &table,
        &notes,
    );
    Ok(())
}

fn why_not(quick: bool) -> &'static str {
    if quick {
        "not compiled with --quick"
    } else {
        "no Graph metadata (see --graph)"
    }
}

/// The targets of `compile-graph` when it does not run.
pub fn graph_unmeasured(report: &mut Report, quick: bool) {
    let title = "Microsoft Graph v1.0";
    for (what, goal) in [
        ("debug build: × std derives", "≤ 2.0×"),
        ("debug build: peak memory", "≤ 1500 MB"),
        ("`cargo doc --no-deps`: peak memory", "≤ 4000 MB"),
    ] {
        report.target(report::unmeasured(
            &format!("{title} {what}"),
            goal,
            why_not(quick),
        ));
    }
}

/// The target of `compile-area` when it does not run.
pub fn area_unmeasured(report: &mut Report, quick: bool) {
    let feature = feature_name(AREA);
    report.target(report::unmeasured(
        &format!("`--features {feature}` build: × `--include {AREA}` build"),
        "≤ 2.0×",
        why_not(quick),
    ));
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

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = "\
[package]
name = \"graph-v1\"
version = \"0.1.0\"

[lib]
path = \"src/lib.rs\"

[features]
default = [\"device-management\"]
device-management = []
\"users\" = []

[dependencies]
serde = \"1\"

[dependencies.uuid]
version = \"1\"

[target.'cfg(unix)'.dependencies]
libc = \"0.2\"
";

    #[test]
    fn the_feature_of_a_root_is_its_name_in_kebab_case() {
        assert_eq!(feature_name("/deviceManagement"), "device-management");
        assert_eq!(
            feature_name("/deviceAppManagement"),
            "device-app-management"
        );
        assert_eq!(feature_name("/users"), "users");
    }

    #[test]
    fn the_dependencies_crate_keeps_dependencies_and_features_only() {
        let tables = dependency_tables(MANIFEST);
        assert!(
            !tables.contains("[package]") && !tables.contains("[lib]"),
            "{tables}"
        );
        assert!(!tables.contains("graph-v1"), "{tables}");
        for kept in [
            "[features]",
            "device-management = []",
            "serde = \"1\"",
            "[dependencies.uuid]",
            "libc = \"0.2\"",
        ] {
            assert!(tables.contains(kept), "{kept} in {tables}");
        }
    }

    #[test]
    fn features_are_found_in_the_features_table_only() {
        assert!(has_feature(MANIFEST, "device-management"));
        assert!(has_feature(MANIFEST, "users"));
        assert!(!has_feature(MANIFEST, "serde"));
        assert!(!has_feature(MANIFEST, "name"));
        assert!(!has_feature(
            "[dependencies]\nserde = \"1\"\n",
            "device-management"
        ));
    }

    #[test]
    fn each_run_changes_the_library_differently() {
        let original = "pub mod models;\n";
        assert_ne!(touched(original, 0), touched(original, 1));
        assert!(touched(original, 0).starts_with(original));
    }
}

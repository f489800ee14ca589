//! The benchmark suite: `cargo bench-suite` (an alias of `cargo run --release -p
//! odata-codegen-bench --`). Prints each table as it is measured and writes them all, with the
//! machine and the commands, to BENCHMARKS.md. `--quick` is the smoke version CI runs.

mod compile;
mod floor;
mod generation;
mod machine;
mod measure;
mod payload;
mod peers;
mod plain;
mod profile;
mod report;
mod runtime;
mod stats;
mod table;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::{Parser, ValueEnum};

use report::Report;

#[derive(Parser)]
#[command(
    name = "odata-codegen-bench",
    about = "Benchmarks odata-codegen: generation, compile time, run time, peers; writes BENCHMARKS.md"
)]
struct Cli {
    /// Runs of each fast measure (generation, peers at most 3). Default: 5, or 1 with --quick.
    #[arg(long)]
    runs: Option<usize>,
    /// Runs of each compilation. Default: 3, or 1 with --quick.
    #[arg(long)]
    compile_runs: Option<usize>,
    /// The smoke version: one run each, the assignment slice only for compile times, a small
    /// payload, no peers; writes target/bench-quick.md unless --out is given.
    #[arg(long)]
    quick: bool,
    /// Only these sections (repeatable). Default: all. `compile` is the three `compile-…`
    /// sections.
    #[arg(long, value_enum)]
    only: Vec<Section>,
    /// The Microsoft Graph v1.0 metadata. Default: ../shared/corpus/graph-v1.0.csdl.xml beside
    /// the workspace (its sections are skipped with a note when that file is missing).
    #[arg(long, value_name = "FILE")]
    graph: Option<PathBuf>,
    /// Objects in the run-time payload. Default: 10000, or 1000 with --quick.
    #[arg(long)]
    objects: Option<usize>,
    /// Timed iterations of the run-time comparison. Default: 30, or 3 with --quick.
    #[arg(long)]
    iterations: Option<usize>,
    /// Skip the naive serde-derive reference crates (the slowest compilations).
    #[arg(long)]
    no_serde_derive: bool,
    /// Where the report goes. Default: BENCHMARKS.md at the workspace root.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Internal: the generation reference, run as its own process.
    #[arg(long, hide = true, value_name = "FILE")]
    scan_xml: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Section {
    Generation,
    /// All of `compile-graph`, `compile-area` and `compile-slices`.
    Compile,
    /// The whole Graph crate: build, check, incremental rebuild, doc.
    CompileGraph,
    /// One area of Graph: the whole crate with only its Cargo feature, and its slice.
    CompileArea,
    /// The Intune assignment slice of Graph and metadata/assignments.
    CompileSlices,
    /// Where the compile time of the whole Graph crate goes, by kind of item (rustc's
    /// self-profile).
    Profile,
    Runtime,
    Peers,
}

impl Section {
    /// Whether `--only` asks for this section (`compile` stands for every compile section).
    fn wanted(self, only: &[Section]) -> bool {
        only.is_empty()
            || only.contains(&self)
            || (only.contains(&Section::Compile)
                && matches!(
                    self,
                    Section::CompileGraph | Section::CompileArea | Section::CompileSlices
                ))
    }
}

/// What every section needs.
pub struct Bench {
    /// The workspace root.
    pub root: PathBuf,
    /// Outside the workspace (generated crates must not be taken for members).
    pub scratch: PathBuf,
    /// Output of every command run, for when something fails.
    pub logs: PathBuf,
    pub runs: usize,
    pub compile_runs: usize,
    pub objects: usize,
    pub runtime_iterations: usize,
    pub serde_derive: bool,
    /// The release `odata-codegen` binary.
    pub codegen: PathBuf,
    /// This binary (for the reference processes).
    pub me: PathBuf,
}

impl Bench {
    pub fn cargo(&self) -> String {
        std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
    }

    /// A path as the report shows it: relative to the workspace root when inside or beside it.
    pub fn show(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    pub fn peer_runs(&self) -> usize {
        self.runs.min(3)
    }

    /// The one place where the suite runs `odata-codegen generate`: every crate it generates
    /// (and the generation it times) comes from this command line.
    pub fn generate_command(&self, crate_: &Generate) -> Command {
        let mut command = Command::new(&self.codegen);
        command.arg("generate").arg("--input").arg(crate_.input);
        for pattern in crate_.includes {
            command.arg("--include").arg(pattern);
        }
        command
            .arg("--out")
            .arg(crate_.out)
            .arg("--crate-name")
            .arg(crate_.crate_name);
        command
    }

    /// Generates a crate to compile (not timed); the output goes to
    /// `generate-<crate name>.log`.
    pub fn generate(&self, crate_: &Generate) -> Result<(), String> {
        let log = self
            .logs
            .join(format!("generate-{}.log", crate_.crate_name));
        let mut command = self.generate_command(crate_);
        // The workspace's runtime crate, by absolute path: a dependency like serde (built in the
        // warm-up, through the dependencies-only crate, which copies this path), and one
        // compilation for every generated crate in the scratch directory.
        command
            .arg("--runtime-path")
            .arg(self.root.join("templates"));
        measure::run_ok(&mut command, &log).map(|_| ())
    }

    pub fn flavors(&self) -> Vec<floor::Flavor> {
        let mut flavors = vec![floor::Flavor::Bare, floor::Flavor::StdDerives];
        if self.serde_derive {
            flavors.push(floor::Flavor::SerdeDerive);
        }
        flavors
    }
}

/// What to generate: one metadata file, optionally cut to a slice.
pub struct Generate<'a> {
    pub input: &'a Path,
    /// `--include` patterns; none: the whole service.
    pub includes: &'a [&'a str],
    pub out: &'a Path,
    pub crate_name: &'a str,
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == measure::INTERMEDIATE) {
        return measure::intermediate(&args[2..]);
    }
    let cli = Cli::parse();
    if let Some(path) = &cli.scan_xml {
        return match generation::scan_xml(path) {
            Ok(events) => {
                println!("{events} events");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("no workspace root")?
        .to_path_buf();
    let logs = root.join("target").join("bench-logs");
    let scratch = std::env::temp_dir().join("odata-codegen-bench");
    for dir in [&logs, &scratch] {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let quick = cli.quick;
    let bench = Bench {
        runs: cli.runs.unwrap_or(if quick { 1 } else { 5 }).max(1),
        compile_runs: cli.compile_runs.unwrap_or(if quick { 1 } else { 3 }).max(1),
        objects: cli.objects.unwrap_or(if quick { 1_000 } else { 10_000 }),
        runtime_iterations: cli.iterations.unwrap_or(if quick { 3 } else { 30 }).max(1),
        serde_derive: !cli.no_serde_derive,
        codegen: build_codegen(&root, &logs)?,
        me: std::env::current_exe().map_err(|e| e.to_string())?,
        root,
        scratch,
        logs,
    };
    let out = cli.out.clone().unwrap_or_else(|| {
        if quick {
            bench.root.join("target").join("bench-quick.md")
        } else {
            bench.root.join("BENCHMARKS.md")
        }
    });
    let wanted = |s: Section| s.wanted(&cli.only);
    let graph = match &cli.graph {
        Some(path) if !path.exists() => {
            return Err(format!("--graph {}: no such file", path.display()))
        }
        Some(path) => Some(path.clone()),
        None => {
            let path = bench.root.join("../shared/corpus/graph-v1.0.csdl.xml");
            path.exists().then_some(path)
        }
    };
    let slice = bench.root.join("metadata/assignments.csdl.xml");

    let mut report = Report::new(header(&bench, quick));
    if graph.is_none() {
        let note = "SKIPPED: ../shared/corpus/graph-v1.0.csdl.xml not found (see --graph); Microsoft Graph v1.0 figures and targets are missing from this run.";
        eprintln!("{note}");
        report.section(
            "Microsoft Graph v1.0",
            "",
            &table::Table::new(&["-"]),
            &[note.to_owned()],
        );
    }
    if wanted(Section::Generation) {
        if let Some(graph) = &graph {
            generation::run(&bench, &mut report, "Microsoft Graph v1.0", graph, true)?;
        }
        generation::run(&bench, &mut report, "assignment slice", &slice, false)?;
    }
    let mut compiler = compile::Compiler::new(&bench)?;
    // The Graph-scale sections: not with --quick (CI's smoke run), not without the file.
    let graph_scale = if quick { None } else { graph.as_deref() };
    if wanted(Section::CompileGraph) {
        match graph_scale {
            Some(graph) => compile::graph(&mut compiler, &mut report, graph)?,
            None => compile::graph_unmeasured(&mut report, quick),
        }
    }
    if wanted(Section::CompileArea) {
        match graph_scale {
            Some(graph) => compile::area(&mut compiler, &mut report, graph, compile::AREA)?,
            None => compile::area_unmeasured(&mut report, quick),
        }
    }
    if wanted(Section::CompileSlices) {
        compile::slices(&mut compiler, &mut report, graph_scale, &slice)?;
    }
    if wanted(Section::Profile) {
        if let Some(graph) = graph_scale {
            profile::run(&mut compiler, &mut report, graph)?;
        }
    }
    if wanted(Section::Runtime) {
        runtime::run(&bench, &mut report)?;
    }
    if wanted(Section::Peers) {
        if quick {
            let note = "SKIPPED with --quick.".to_owned();
            report.section("Peers", "", &table::Table::new(&["-"]), &[note]);
        } else {
            let mut inputs = Vec::new();
            if let Some(graph) = &graph {
                inputs.push(peers::Input {
                    title: "Microsoft Graph v1.0",
                    path: graph,
                    plain_name: "graph",
                });
            }
            inputs.push(peers::Input {
                title: "assignment slice",
                path: &slice,
                plain_name: "assignments",
            });
            peers::run(&bench, &mut report, &inputs)?;
        }
    }
    let mut text = report.finish();
    text.push_str(&format!(
        "\nLoad average at the end: {}.\n",
        machine::load_average()
    ));
    // What the figures do not say by themselves (where the time goes, what was tried), written
    // by hand beside the suite and carried into every report.
    if let Ok(analysis) = std::fs::read_to_string(bench.root.join("bench/ANALYSIS.md")) {
        text.push('\n');
        text.push_str(&analysis);
    }
    std::fs::write(&out, text).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("written: {}", out.display());
    Ok(())
}

fn header(bench: &Bench, quick: bool) -> String {
    let mut out = String::from("# Benchmarks\n\n");
    out.push_str(
        "Written by `cargo bench-suite` (the `odata-codegen-bench` crate, `bench/`); do not edit by \
         hand: run it again. Every figure is the min and the median of several runs; every ratio \
         is against a reference measured in the same run.\n\n",
    );
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    out.push_str(&format!(
        "Command: `cargo bench-suite{}{}`{}  \n",
        if arguments.is_empty() { "" } else { " " },
        arguments.join(" "),
        if quick {
            " (smoke run: figures are not representative)"
        } else {
            ""
        }
    ));
    out.push_str(&format!(
        "Runs: {} per fast measure, {} per compilation, {} run-time iterations; date: {}.\n\n",
        bench.runs,
        bench.compile_runs,
        bench.runtime_iterations,
        today()
    ));
    out.push_str("| machine | |\n| --- | --- |\n");
    for (key, value) in machine::describe() {
        out.push_str(&format!("| {key} | {value} |\n"));
    }
    out.push_str(
        "\nThe machine may be shared: other work running at the same time slows every figure \
         (see the load averages).\n",
    );
    out
}

/// `date -u +%F`: the standard library has no calendar.
fn today() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Builds the release `odata-codegen` binary and returns its path (from cargo's own report, so
/// any target directory works).
fn build_codegen(root: &Path, logs: &Path) -> Result<PathBuf, String> {
    eprintln!("building the release odata-codegen binary");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "build",
            "--release",
            "-p",
            "odata-codegen",
            "--bin",
            "odata-codegen",
            "--message-format=json",
        ])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let _ = std::fs::write(logs.join("build-codegen.log"), &output.stderr);
    if !output.status.success() {
        return Err(format!(
            "building odata-codegen failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["target"]["name"] == "odata-codegen")
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| "cargo reported no odata-codegen executable".to_owned())
}

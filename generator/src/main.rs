//! The `odata-codegen` command: a thin clap layer over the library.
//!
//! Exit codes: 0 success, 1 `check` found stale output or `diff --fail-on` found such changes,
//! 2 invalid metadata or usage.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use odata_codegen::{diff, report, Config, Error};

#[derive(Parser)]
#[command(
    name = "odata-codegen",
    version,
    about = "OData CSDL metadata → a Rust crate of models and URL path builders"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the crate (with no arguments: `generated/` from `metadata/*.xml`).
    Generate(Generation),
    /// Exit 0 when the output is what `generate` would write, 1 listing the stale files.
    Check(Generation),
    /// Counts of the schema elements; with --json, every element and the Rust path it became.
    Inspect {
        #[command(flatten)]
        inputs: Inputs,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// Print the chain of references that pulled the type or operation NAME (namespace-
        /// qualified) into the slice, from the --include pattern that started it.
        #[arg(long, value_name = "NAME")]
        why: Option<String>,
    },
    /// Every addressable URL template with the methods available there, within bounds: the
    /// URL tree of a service is infinite (navigation cycles, recursive containment).
    Routes {
        #[command(flatten)]
        inputs: Inputs,
        /// At most N navigation segments per URL (default: no limit besides the others).
        #[arg(long, value_name = "N")]
        depth: Option<usize>,
        /// How many more times an entity type may appear on one URL (recursive containment
        /// such as `mailFolders/{id}/childFolders/{id}`).
        #[arg(long, value_name = "N", default_value_t = odata_codegen::model::walk::Bounds::ROUTES.recursion)]
        recursion: usize,
        /// Below non-contained navigation (and composable functions that return entities),
        /// whose targets live elsewhere: list their operations and N levels of navigation (0:
        /// their navigation as leaves); `none`: only the navigation and its items.
        #[arg(long, value_name = "N|none", default_value = "0", value_parser = below_link)]
        below_link: BelowLink,
        /// Below links and for repeated entity types, walk on only into entity types whose
        /// own URL tree has at most N URLs (0: never).
        #[arg(long, value_name = "N", default_value_t = odata_codegen::model::walk::Bounds::ROUTES.expand_limit)]
        expand_limit: usize,
    },
    /// What a URL addresses and the builder chain that produces it: `resolve [METHOD] URL`,
    /// or `resolve -` for URLs one per line on standard input (each optionally preceded by its
    /// method), answered one line (or JSON object) per URL, in order.
    Resolve {
        #[command(flatten)]
        inputs: Inputs,
        /// One JSON object per URL (one per line with `-`).
        #[arg(long)]
        json: bool,
        /// GET, POST, PUT, PATCH or DELETE (default: GET, or POST for an action), then the URL;
        /// or `-`.
        #[arg(value_name = "[METHOD] URL", required = true, num_args = 1..=2)]
        request: Vec<String>,
    },
    /// What changed between two versions of the metadata, as it affects the generated crate:
    /// each change breaking or additive, with positions in both files, and the semver bump.
    Diff(Comparison),
}

/// How `diff` classifies, and what --fail-on means.
const DIFF_HELP: &str = "\
Both sides are sliced alike (--include, --exclude, --map-type), so the report covers what that \
slice generates. Breaking: anything removed or renamed (a rename is a removal and an addition), \
a changed type, nullability, collection, key, base type or signature. Additive: anything added \
(types, properties, members, navigation, operations and overloads, entity sets). Changes the \
API does not show (documentation, enum values, containment) call for a patch. --fail-on \
breaking exits 1 on a breaking change, additive on a breaking or additive one, any on any \
change; errors exit 2.";

#[derive(Args)]
#[command(after_long_help = DIFF_HELP)]
struct Comparison {
    /// The old metadata file (or give --old).
    #[arg(value_name = "OLD", requires = "new_file", conflicts_with_all = ["old", "new"])]
    old_file: Option<PathBuf>,
    /// The new metadata file (or give --new).
    #[arg(value_name = "NEW")]
    new_file: Option<PathBuf>,
    /// An input file of the old metadata (repeatable, as --input of `generate`).
    #[arg(long = "old", value_name = "FILE", requires = "new")]
    old: Vec<PathBuf>,
    /// An input file of the new metadata (repeatable, as --input of `generate`).
    #[arg(long = "new", value_name = "FILE", requires = "old")]
    new: Vec<PathBuf>,
    #[command(flatten)]
    slicing: Slicing,
    /// Machine-readable output (schema in the README).
    #[arg(long)]
    json: bool,
    /// Exit 1 when there is a change of this kind or a greater one.
    #[arg(long, value_enum, value_name = "KIND")]
    fail_on: Option<FailOn>,
    /// The generated crate's current version: the report also gives the next one
    /// (0.x versions bump one place lower, as Cargo reads them).
    #[arg(long, value_name = "VERSION")]
    current_version: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    /// A breaking change.
    Breaking,
    /// A breaking or additive change (the API changed).
    Additive,
    /// Any change, documentation included.
    Any,
}

/// Slices: what --include and --exclude mean.
const SLICE_HELP: &str = "\
Slices: --include selects elements and everything they need: base types, property, parameter \
and return types, operations callable on matched types, and every type derived from a type \
used as a value (so polymorphic values keep their derived types). Navigation properties are \
followed only along --include URL paths (to any depth of containment below the prefix, one \
hop otherwise; any URL that `resolve` resolves is a path too, however deep); a navigation \
field appears when its target type is in the slice. --exclude \
drops the matching types (and those derived from them); values of a dropped type are read as \
its nearest kept base type, keeping their @odata.type and data. An --exclude URL prefix drops \
the URLs below it (an entity set, singleton or import it covers has no root method nor feature); \
without --include, what only those URLs need is dropped too. Types named by --map-type are \
external: not generated, and nothing is pulled in through them.";

#[derive(Args)]
#[command(after_long_help = SLICE_HELP)]
struct Inputs {
    /// CSDL XML input file (repeatable). Default: every `*.xml` in `metadata/`.
    #[arg(long = "input", value_name = "FILE")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    slicing: Slicing,
}

/// What is generated from the inputs, and how strictly they are read.
#[derive(Args)]
struct Slicing {
    /// Generate only this and what it needs (repeatable): a qualified name with `*` wildcards
    /// (`microsoft.graph.*Assignment`) or a URL path prefix (`/deviceManagement/deviceConfigurations`,
    /// keys as `{id}` or left out). See --help.
    #[arg(long = "include", value_name = "PATTERN")]
    includes: Vec<String>,
    /// Leave out the types or operations matching PATTERN (and types derived from them), or
    /// the URLs below a path prefix (repeatable).
    #[arg(long = "exclude", value_name = "PATTERN")]
    excludes: Vec<String>,
    /// Put the Rust type RUST_PATH in place of the schema type QUALIFIED (namespace- or
    /// alias-qualified) everywhere; the schema type is not generated (repeatable). The Rust type
    /// must implement serde's Serialize and DeserializeOwned, Clone and PartialEq. Example:
    /// `--map-type microsoft.graph.Json=serde_json::Value`.
    #[arg(long = "map-type", value_name = "QUALIFIED=RUST_PATH")]
    map_types: Vec<String>,
    /// Refuse metadata that breaks CSDL's rules even where a sound crate can be generated
    /// (by default such deviations are warnings, each with a documented degradation).
    #[arg(long)]
    strict: bool,
    /// Print every warning (by default the first few of each kind per file, then a count).
    #[arg(long)]
    all_warnings: bool,
}

#[derive(Args)]
struct Generation {
    #[command(flatten)]
    inputs: Inputs,
    /// Directory of the generated crate. Default: `generated/`.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Package name of the generated crate. Default: the name the output already has, or the
    /// directory's name in kebab case.
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// The `odata-codegen-runtime` crate the generated crate depends on, as its manifest names
    /// it: a directory absolute or relative to the output directory (`../templates` for this
    /// repository's `generated/`). Crates generated into one build can share one (it is then
    /// compiled once). Default: the path the output's manifest already has, or else the
    /// runtime crate written as `runtime/` in the output directory.
    #[arg(long, value_name = "DIR")]
    runtime_path: Option<String>,
    /// Use standard OData `('key')` key syntax by default instead of `/key` segments.
    #[arg(long)]
    key_in_parentheses: bool,
    /// Namespace-qualify bound operations in URLs by default (`/ns.action`).
    #[arg(long)]
    qualified_operations: bool,
    /// Set the crate's version to the one the metadata changes call for, compared with the
    /// metadata recorded in the crate (`diff`'s rules: breaking → next major, additive →
    /// next minor; before 1.0 one place down).
    #[arg(long, conflicts_with = "crate_version")]
    bump: bool,
    /// The crate's version. Default: the version the crate already has, or 0.1.0.
    #[arg(long, value_name = "VERSION")]
    crate_version: Option<String>,
    /// Print the wall time of each phase as one JSON line on stderr (for `cargo bench-suite`).
    #[arg(long, hide = true)]
    timings: bool,
}

/// After `generate`: what the metadata changes since the last generation did to the API, and
/// the version.
fn print_update(update: &odata_codegen::Update, out: &Path, bumped: bool) -> Result<(), Error> {
    if let Some(why) = &update.unreadable_record {
        eprintln!("warning: {why}; the version stays {}", update.version);
    }
    let Some(summary) = update.summary() else {
        return Ok(());
    };
    eprintln!("metadata changes since the last generation: {summary}");
    if bumped {
        eprintln!("version {} → {}", update.current, update.version);
    } else if update.bumped()? != update.current {
        eprintln!(
            "the version stays {}; `generate --bump` sets {}, `odata-codegen diff {}/{} …` lists the changes",
            update.current,
            update.bumped()?,
            out.display(),
            odata_codegen::record::DIR,
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Generate(generation) => {
            let config = generation.config()?;
            let done = config.generate_timed()?;
            print_warnings(
                &done.loaded.warnings,
                generation.inputs.slicing.all_warnings,
            );
            if generation.timings {
                eprintln!("{}", timings_json(&done.times));
            }
            let out = generation.out_dir();
            eprintln!(
                "generated {}: {} file(s) written, {} unchanged, {} removed",
                out.display(),
                done.report.written.len(),
                done.report.unchanged,
                done.report.removed.len()
            );
            print_update(&done.update, &out, generation.bump)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(generation) => {
            let config = generation.config()?;
            let check = config.check()?;
            let staleness = &check.staleness;
            if staleness.is_fresh() {
                eprintln!("{} is up to date", generation.out_dir().display());
                return Ok(ExitCode::SUCCESS);
            }
            let out = generation.out_dir();
            for path in &staleness.changed {
                println!("stale: {}", out.join(path).display());
            }
            for path in &staleness.extra {
                println!("not generated any more: {}", out.join(path).display());
            }
            if let Some(report) = check
                .update
                .changes
                .as_ref()
                .filter(|r| !r.changes.is_empty())
            {
                let next = check.update.bumped()?;
                println!(
                    "What the metadata changes since {} was generated do to its API:\n{}",
                    out.display(),
                    odata_codegen::diff::human(report, Some((&check.update.current, &next)))
                );
            }
            if let Some(why) = &check.update.unreadable_record {
                eprintln!("warning: {why}");
            }
            eprintln!("{} is stale: run `odata-codegen generate`", out.display());
            Ok(ExitCode::from(1))
        }
        Command::Inspect { inputs, json, why } => {
            let mut config = Config::new();
            inputs.apply(&mut config)?;
            let loaded = config.load()?;
            print_warnings(&loaded.warnings, inputs.slicing.all_warnings);
            let text = if let Some(name) = why {
                report::why(&loaded.model, &config.slice(&loaded)?, &name)?
            } else if json {
                report::inspect_json(&config, &loaded)?
            } else {
                report::inspect_counts(&loaded.model, &config.selection(&loaded)?)
            };
            println!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Resolve {
            inputs,
            json,
            request,
        } => resolve(&inputs, json, &request),
        Command::Routes {
            inputs,
            depth,
            recursion,
            below_link,
            expand_limit,
        } => {
            let bounds = odata_codegen::model::walk::Bounds {
                recursion,
                below_link: below_link.0,
                expand_limit,
                depth,
                forms: true,
            };
            let mut config = Config::new();
            inputs.apply(&mut config)?;
            let loaded = config.load()?;
            print_warnings(&loaded.warnings, inputs.slicing.all_warnings);
            for line in report::routes(&loaded.model, &config.selection(&loaded)?, bounds) {
                println!("{line}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff(comparison) => comparison.run(),
    }
}

impl Comparison {
    fn run(&self) -> Result<ExitCode, Error> {
        let (old_files, new_files) = match (&self.old_file, &self.new_file) {
            (Some(old), Some(new)) => (vec![old.clone()], vec![new.clone()]),
            _ if !self.old.is_empty() => (self.old.clone(), self.new.clone()),
            _ => {
                return Err(Error::Settings(
                    "diff needs the old and the new metadata: `diff OLD NEW` or `--old FILE… --new FILE…`".into(),
                ))
            }
        };
        let side = |files: &[PathBuf]| -> Result<Config, Error> {
            let mut config = Config::new();
            for file in files {
                config.input(file);
            }
            self.slicing.apply(&mut config)?;
            Ok(config)
        };
        let (old, new) = (side(&old_files)?, side(&new_files)?);
        let (old_loaded, new_loaded) = diff::load_both(&old, &new)?;
        print_warnings(&old_loaded.warnings, self.slicing.all_warnings);
        print_warnings(&new_loaded.warnings, self.slicing.all_warnings);
        let report = diff::compare_loaded(&old, &old_loaded, &new, &new_loaded)?;
        let bump = report.bump();
        let next = match &self.current_version {
            Some(current) => Some(diff::next_version(current, bump).map_err(Error::Settings)?),
            None => None,
        };
        let versions = self.current_version.as_deref().zip(next.as_deref());
        let text = if self.json {
            diff::json(&report, versions)
        } else {
            diff::human(&report, versions)
        };
        // A reader that stops early (`| head`) is not an error of the comparison, and the
        // exit code must still say what --fail-on found.
        let _ = writeln!(std::io::stdout().lock(), "{text}");
        let fails = match self.fail_on {
            None => false,
            Some(FailOn::Breaking) => bump >= diff::Bump::Major,
            Some(FailOn::Additive) => bump >= diff::Bump::Minor,
            Some(FailOn::Any) => bump >= diff::Bump::Patch,
        };
        Ok(if fails {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }
}

/// `--below-link`: a number of levels, or `none`.
#[derive(Debug, Clone, Copy)]
struct BelowLink(Option<usize>);

fn below_link(text: &str) -> Result<BelowLink, String> {
    match text {
        "none" => Ok(BelowLink(None)),
        _ => text
            .parse()
            .map(|levels| BelowLink(Some(levels)))
            .map_err(|_| format!("`{text}`: expected a number of levels or `none`")),
    }
}

/// `resolve`: exit 0 when every URL resolved to a builder chain, 1 otherwise.
fn resolve(inputs: &Inputs, json: bool, request: &[String]) -> Result<ExitCode, Error> {
    let (method, url) = match request {
        [url] => (None, url.as_str()),
        [method, url] => {
            let method = method.to_ascii_uppercase();
            if !odata_codegen::resolve::METHODS.contains(&method.as_str()) {
                return Err(Error::Settings(format!(
                    "`{method}` is not an HTTP method (GET, POST, PUT, PATCH, DELETE)"
                )));
            }
            (Some(method), url.as_str())
        }
        _ => unreachable!("clap takes one or two values"),
    };
    let mut config = Config::new();
    inputs.apply(&mut config)?;
    let loaded = config.load()?;
    print_warnings(&loaded.warnings, inputs.slicing.all_warnings);
    let from_stdin = url == "-";
    let lines: Vec<String> = if from_stdin {
        std::io::stdin()
            .lines()
            .map_while(Result::ok)
            .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
            .collect()
    } else {
        vec![url.to_owned()]
    };
    let urls: Vec<&str> = lines.iter().map(String::as_str).collect();
    let results = config.resolve(&loaded, method.as_deref(), &urls)?;
    let mut all_built = true;
    for result in &results {
        all_built &= matches!(result, Ok(r) if r.chain.is_ok());
        if json {
            println!("{}", odata_codegen::resolve::json(result));
        } else {
            println!("{}", odata_codegen::resolve::text(result, from_stdin));
        }
    }
    Ok(if all_built {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `{"read_s":…,"graph_s":…,…}`: what the benchmark suite parses.
fn timings_json(times: &odata_codegen::timing::PhaseTimes) -> String {
    let phases = [
        ("read_s", times.read),
        ("graph_s", times.graph),
        ("emit_s", times.emit),
        ("format_s", times.format),
        ("write_s", times.write),
    ];
    let object: serde_json::Map<String, serde_json::Value> = phases
        .into_iter()
        .map(|(name, time)| (name.to_owned(), time.as_secs_f64().into()))
        .collect();
    serde_json::Value::Object(object).to_string()
}

fn print_warnings(warnings: &[odata_codegen::diagnostics::Diagnostic], all: bool) {
    if all {
        warnings.iter().for_each(|warning| eprintln!("{warning}"));
    } else {
        odata_codegen::diagnostics::grouped(warnings)
            .iter()
            .for_each(|line| eprintln!("{line}"));
    }
}

impl Inputs {
    fn apply(&self, config: &mut Config) -> Result<(), Error> {
        let inputs = if self.inputs.is_empty() {
            default_inputs()?
        } else {
            self.inputs.clone()
        };
        for input in inputs {
            config.input(input);
        }
        self.slicing.apply(config)
    }
}

impl Slicing {
    fn apply(&self, config: &mut Config) -> Result<(), Error> {
        for pattern in &self.includes {
            config.include(pattern);
        }
        for pattern in &self.excludes {
            config.exclude(pattern);
        }
        for mapping in &self.map_types {
            let (qualified, rust_path) = mapping.split_once('=').ok_or_else(|| {
                Error::Settings(format!(
                    "--map-type {mapping}: expected QUALIFIED=RUST_PATH, e.g. microsoft.graph.Json=serde_json::Value"
                ))
            })?;
            config.map_type(qualified.trim(), rust_path.trim());
        }
        config.strict(self.strict);
        Ok(())
    }
}

/// Every `*.xml` file in `metadata/`, sorted so that output does not depend on directory order.
fn default_inputs() -> Result<Vec<PathBuf>, Error> {
    let dir = Path::new("metadata");
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::Settings(format!(
            "no --input given and `{}` cannot be read ({e}); run from the project root or pass --input",
            dir.display()
        ))
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "xml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::Settings(format!(
            "no *.xml files in `{}`",
            dir.display()
        )));
    }
    Ok(files)
}

impl Generation {
    fn out_dir(&self) -> PathBuf {
        self.out
            .clone()
            .unwrap_or_else(|| PathBuf::from("generated"))
    }

    fn config(&self) -> Result<Config, Error> {
        let mut config = Config::new();
        self.inputs.apply(&mut config)?;
        let out = self.out_dir();
        let crate_name = match &self.crate_name {
            Some(name) => name.clone(),
            None => existing_crate_name(&out).unwrap_or_else(|| {
                odata_codegen::emit::naming::package_name(&directory_name(&out))
            }),
        };
        config
            .out_dir(&out)
            .crate_name(crate_name)
            .key_as_segment(!self.key_in_parentheses)
            .qualified_operations(self.qualified_operations)
            .bump(self.bump);
        let runtime = self
            .runtime_path
            .clone()
            .or_else(|| existing_runtime_path(&out))
            .filter(|path| path != odata_codegen::RuntimeSource::BUNDLED_DIR);
        config.runtime(runtime.map_or(
            odata_codegen::RuntimeSource::Bundled,
            odata_codegen::RuntimeSource::Path,
        ));
        if let Some(version) = &self.crate_version {
            config.version(version);
        }
        Ok(config)
    }
}

/// The `name` of an existing generated manifest, so that a plain `generate` keeps it.
fn existing_crate_name(out: &Path) -> Option<String> {
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).ok()?;
    odata_codegen::emit::templates::package_field(&manifest, "name")
}

/// The `path` of the runtime dependency of an existing generated manifest, so that a plain
/// `generate` keeps it.
fn existing_runtime_path(out: &Path) -> Option<String> {
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).ok()?;
    odata_codegen::emit::templates::runtime_path(&manifest)
}

fn directory_name(out: &Path) -> String {
    std::fs::canonicalize(out)
        .ok()
        .as_deref()
        .unwrap_or(out)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "generated".to_owned())
}

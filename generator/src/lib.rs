//! odata-codegen: OData CSDL metadata → a Rust crate of models and URL path builders.
//!
//! The pipeline has four phases, each in its own module:
//! [`csdl`] reads XML into raw documents with positions, [`model`] resolves and validates them
//! into a type graph, [`emit`] turns the graph into formatted Rust, and [`write`] puts files on
//! disk atomically. [`Config`] drives them, for the CLI and for build scripts alike. Beside
//! them, [`diff()`] compares the plans of two versions of the metadata (see [`mod@diff`]):
//!
//! ```no_run
//! // build.rs
//! odata_codegen::Config::new()
//!     .input("metadata/service.csdl.xml")
//!     .generate_for_build_script("service")
//!     .unwrap_or_else(|e| panic!("{e}"));
//! // src/lib.rs: pub mod service { include!(concat!(env!("OUT_DIR"), "/service.rs")); }
//! ```

pub mod csdl;
pub mod diagnostics;
pub mod diff;
pub mod emit;
#[doc(hidden)]
pub mod fuzzing;
pub mod model;
pub mod record;
pub mod report;
pub mod resolve;
pub mod select;
pub mod timing;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::Instant;

pub use diff::diff;
pub use emit::RuntimeSource;

use diagnostics::{Diagnostic, Diagnostics};
use emit::{EmitOptions, GeneratedFile, Plan, Selection, UrlDefaults};
use model::Model;
use timing::PhaseTimes;

/// Everything that can go wrong in a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The metadata has errors; every one found is listed, with its position.
    #[error("{}", render(.0))]
    InvalidMetadata(Vec<Diagnostic>),
    #[error("no input files given")]
    NoInputs,
    #[error(transparent)]
    Write(#[from] write::WriteError),
    #[error("{0}")]
    Settings(String),
}

fn render(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

/// The settings of a generation, prost-build style: `Config::new().input(…).….generate()`.
#[derive(Debug, Clone)]
pub struct Config {
    inputs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    crate_name: String,
    url_defaults: UrlDefaults,
    includes: Vec<String>,
    excludes: Vec<String>,
    strict: bool,
    /// `(qualified schema type name, Rust path)`, in the order given.
    type_mappings: Vec<(String, String)>,
    /// The crate's version; `None` keeps the version of the crate in the output directory.
    version: Option<String>,
    /// Moves the version by the bump the metadata changes call for (see [`Update`]).
    bump: bool,
    /// Where the generated manifest finds the runtime crate.
    runtime: RuntimeSource,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: Vec::new(),
            out_dir: None,
            crate_name: "generated".to_owned(),
            url_defaults: UrlDefaults {
                key_as_segment: true,
                qualified_operations: false,
            },
            includes: Vec::new(),
            excludes: Vec::new(),
            strict: false,
            type_mappings: Vec::new(),
            version: None,
            bump: false,
            runtime: RuntimeSource::Bundled,
        }
    }
}

/// The version a new crate gets.
pub const FIRST_VERSION: &str = "0.1.0";

/// What generating into the output directory does to the crate there, by its recorded
/// metadata (see [`record`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// The changes from the recorded metadata to the new; `None` when the crate has no record
    /// (not generated yet, or by a generator without records).
    pub changes: Option<diff::Report>,
    /// Why the record could not be compared with (its metadata no longer loads, for one);
    /// `changes` is then `None`, and generation goes on.
    pub unreadable_record: Option<String>,
    /// The version of the crate there (or the one set with [`Config::version`]).
    pub current: String,
    /// The version the generated crate gets: `current`, or with [`Config::bump`] the version
    /// the changes call for.
    pub version: String,
}

impl Update {
    /// The version the changes call for (what [`Config::bump`] would set).
    pub fn bumped(&self) -> Result<String, Error> {
        match &self.changes {
            Some(report) => diff::next_version(&self.current, report.bump()).map_err(|why| {
                Error::Settings(format!("cannot bump version `{}`: {why}", self.current))
            }),
            None => Ok(self.current.clone()),
        }
    }

    /// One line for people: what the metadata update does to the API and the version it calls
    /// for; `None` without a record or without changes.
    pub fn summary(&self) -> Option<String> {
        let report = self.changes.as_ref()?;
        if report.changes.is_empty() {
            return None;
        }
        let next = self.bumped().ok()?;
        Some(diff::summary(report, Some((&self.current, &next))))
    }
}

/// What [`Config::check`] finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub staleness: write::Staleness,
    pub update: Update,
}

/// What [`Config::generate_timed`] did.
pub struct Generation {
    pub loaded: Loaded,
    pub report: write::WriteReport,
    pub update: Update,
    pub times: PhaseTimes,
}

/// The result of loading and validating the inputs.
pub struct Loaded {
    pub model: Model,
    /// Warnings (and no errors).
    pub warnings: Vec<Diagnostic>,
    /// Every file read, the inputs and what they reference.
    pub files: Vec<PathBuf>,
}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a CSDL XML input file; files it references with relative `edmx:Reference` URIs are
    /// read too.
    pub fn input(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.inputs.push(path.into());
        self
    }

    /// The directory of the generated crate.
    pub fn out_dir(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(path.into());
        self
    }

    /// The package name of the generated crate.
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.crate_name = name.into();
        self
    }

    /// `/items/{id}` (Microsoft Graph's style, the default) or standard `/items('id')` keys in
    /// the generated root's `new()`. Either can still be chosen at run time.
    pub fn key_as_segment(&mut self, yes: bool) -> &mut Self {
        self.url_defaults.key_as_segment = yes;
        self
    }

    /// Namespace-qualified bound operations (`/ns.assign`) rather than `/assign` (the default).
    pub fn qualified_operations(&mut self, yes: bool) -> &mut Self {
        self.url_defaults.qualified_operations = yes;
        self
    }

    /// Generates only a slice: the elements matching `pattern` and what they need (see
    /// [`select`]). `pattern` is a qualified name with `*` wildcards
    /// (`microsoft.graph.*Assignment`) or a URL path prefix (`/deviceManagement/deviceConfigurations`).
    /// Repeatable; without any, everything is generated.
    pub fn include(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.includes.push(pattern.into());
        self
    }

    /// Leaves out the types matching `pattern` (and the types derived from them) however they
    /// were reached; values of those types are read as their nearest selected base type, which
    /// keeps their `@odata.type` and data. A path prefix leaves out URLs below it. Repeatable.
    pub fn exclude(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.excludes.push(pattern.into());
        self
    }

    /// The version of the generated crate. Without it, the crate in the output directory keeps
    /// its version (a new crate gets [`FIRST_VERSION`]).
    pub fn version(&mut self, version: impl Into<String>) -> &mut Self {
        self.version = Some(version.into());
        self
    }

    /// Sets the crate's version to the one the metadata changes call for, compared with the
    /// metadata recorded in the crate (see [`diff`] for the rules): `0.3.1` becomes `0.4.0` after a
    /// breaking change, `0.3.2` after an additive one.
    pub fn bump(&mut self, yes: bool) -> &mut Self {
        self.bump = yes;
        self
    }

    /// Where the generated crate's manifest finds the `odata-codegen-runtime` crate. By default
    /// ([`RuntimeSource::Bundled`]) the runtime crate is written as `runtime/` in the output
    /// directory, so the crate builds anywhere; [`RuntimeSource::Path`] names one shared by
    /// several generated crates (compiled once), relative to the generated crate's directory.
    pub fn runtime(&mut self, source: RuntimeSource) -> &mut Self {
        self.runtime = source;
        self
    }

    /// Refuses metadata that breaks CSDL's rules even where a sound crate could be generated
    /// (each [`diagnostics::Deviation`] becomes an error). Off by default: real services
    /// publish such metadata, and the generator says what it tolerated and how.
    pub fn strict(&mut self, yes: bool) -> &mut Self {
        self.strict = yes;
        self
    }

    /// Puts the Rust type at `rust_path` in place of the schema type `qualified` (namespace-
    /// or alias-qualified) everywhere: properties, collections, parameters and return values,
    /// as prost's `extern_path` and typify's replacements do. The schema type itself is not
    /// generated, and a slice pulls in nothing through it. Repeatable.
    ///
    /// `rust_path` must be a path that resolves from any module of the generated code:
    /// `serde_json::Value`, `my_crate::Json`, `crate::json::Json` (for a build script's
    /// `include!`). Its type must implement `serde::Serialize`, `serde::de::DeserializeOwned`,
    /// `Clone` and `PartialEq`: it reads and writes the JSON of a value as it is sent. Complex
    /// types, enum types and type definitions can be mapped; entity types (which URLs address)
    /// and types used in keys cannot. A value declared as a base type of a mapped type that
    /// says `@odata.type` of the mapped type is read as the base type, keeping all its data.
    pub fn map_type(
        &mut self,
        qualified: impl Into<String>,
        rust_path: impl Into<String>,
    ) -> &mut Self {
        self.type_mappings
            .push((qualified.into(), rust_path.into()));
        self
    }

    /// The mapped types of the model, each with its validated Rust path as source text.
    pub fn mapped_types(
        &self,
        model: &Model,
    ) -> Result<std::collections::BTreeMap<model::TypeId, String>, Error> {
        let mut mapped = std::collections::BTreeMap::new();
        for (qualified, rust_path) in &self.type_mappings {
            let id = resolve_mapped_type(model, qualified)?;
            let path = rust_type_path(rust_path).map_err(|why| {
                Error::Settings(format!(
                    "--map-type {qualified}={rust_path}: `{rust_path}` {why}"
                ))
            })?;
            if let Some(previous) = mapped.insert(id, path) {
                return Err(Error::Settings(format!(
                    "--map-type {qualified}: the type is mapped twice (also to `{previous}`)"
                )));
            }
        }
        Ok(mapped)
    }

    /// The slice of the loaded model that the include and exclude patterns describe.
    pub fn slice(&self, loaded: &Loaded) -> Result<select::Slice, Error> {
        let external = self.mapped_types(&loaded.model)?.into_keys().collect();
        select::select(&loaded.model, &self.includes, &self.excludes, &external)
            .map_err(Error::Settings)
    }

    /// What the emitter generates: the slice's types and operations.
    pub fn selection(&self, loaded: &Loaded) -> Result<Selection, Error> {
        let slice = self.slice(loaded)?;
        Ok(Selection {
            types: slice.types,
            operations: slice.operations,
            mapped: self.mapped_types(&loaded.model)?,
            excluded_roots: slice.excluded_roots,
        })
    }

    /// Reads, resolves and validates the inputs.
    pub fn load(&self) -> Result<Loaded, Error> {
        self.load_timed(&mut PhaseTimes::default())
    }

    /// [`Config::load`], recording the read and graph phases.
    fn load_timed(&self, times: &mut PhaseTimes) -> Result<Loaded, Error> {
        if self.inputs.is_empty() {
            return Err(Error::NoInputs);
        }
        let mut diags = Diagnostics::new();
        let started = Instant::now();
        let loaded = csdl::load(&self.inputs, &mut diags);
        times.read = started.elapsed();
        let started = Instant::now();
        let model = model::build(&loaded, &mut diags);
        times.graph = started.elapsed();
        if self.strict {
            diags.make_strict();
        }
        if diags.has_errors() {
            let mut errors: Vec<Diagnostic> = diags.into_vec();
            // Errors in document order read best; the sort is stable for equal positions.
            errors.sort_by(|a, b| (&a.pos, a.severity).cmp(&(&b.pos, b.severity)));
            return Err(Error::InvalidMetadata(errors));
        }
        let mut warnings = diags.into_vec();
        // In document order, as errors are: the reader's and the graph's warnings interleave.
        warnings.sort_by(|a, b| a.pos.cmp(&b.pos));
        Ok(Loaded {
            model,
            warnings,
            files: loaded.files.iter().map(|f| f.path.clone()).collect(),
        })
    }

    /// The crate name as a Rust identifier (`graph-v1` → `graph_v1`).
    pub fn crate_ident(&self) -> String {
        self.crate_name.replace('-', "_")
    }

    fn emit_options(&self, version: &str) -> EmitOptions {
        EmitOptions {
            runtime: self.runtime.clone(),
            module: None,
            version: version.to_owned(),
            crate_name: self.crate_name.clone(),
            url_defaults: self.url_defaults,
            inputs: self.inputs.iter().map(|p| display_path(p)).collect(),
        }
    }

    fn validate_crate_name(&self) -> Result<(), Error> {
        let ok = !self.crate_name.is_empty()
            && self
                .crate_name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && self
                .crate_name
                .starts_with(|c: char| c.is_ascii_alphabetic());
        if ok {
            Ok(())
        } else {
            Err(Error::Settings(format!(
                "`{}` is not a valid crate name (ASCII letters, digits, `-` and `_`, starting with a letter)",
                self.crate_name
            )))
        }
    }

    /// The files of the generated crate at `version`, in memory, with the record of its
    /// metadata.
    pub fn render(&self, loaded: &Loaded, version: &str) -> Result<Vec<GeneratedFile>, Error> {
        Ok(self
            .render_with(loaded, version, record::files(self, loaded)?)?
            .0)
    }

    /// [`Config::render`] with the record already read (see [`record::files`]), and the
    /// warnings of the crate's features (areas grouped into one feature).
    fn render_with(
        &self,
        loaded: &Loaded,
        version: &str,
        record: Vec<GeneratedFile>,
    ) -> Result<(Vec<GeneratedFile>, Vec<Diagnostic>), Error> {
        self.validate_crate_name()?;
        let plan = Plan::new(&loaded.model, self.selection(loaded)?).with_features();
        let mut files = emit::emit_crate(&plan, &self.emit_options(version));
        files.extend(record);
        let warnings = plan.features.map(|f| f.warnings).unwrap_or_default();
        Ok((files, warnings))
    }

    /// Every module in one file, for `include!` (what build scripts get).
    pub fn render_single_file(&self, loaded: &Loaded) -> Result<String, Error> {
        self.render_module(loaded, None)
    }

    /// [`Config::render_single_file`] for a build script that includes the file as `module`
    /// at its crate root (so `module::model!` can find the runtime).
    fn render_module(&self, loaded: &Loaded, module: Option<&str>) -> Result<String, Error> {
        let plan = Plan::new(&loaded.model, self.selection(loaded)?);
        let mut options = self.emit_options(FIRST_VERSION);
        options.module = module.map(str::to_owned);
        Ok(emit::emit_single_file(&plan, &options))
    }

    /// What generating `loaded` into the output directory does to the crate there: the
    /// changes from its recorded metadata, and its version before and after.
    pub fn update(&self, loaded: &Loaded) -> Result<Update, Error> {
        self.update_against(loaded, &record::files(self, loaded)?)
    }

    /// [`Config::update`] with the record this generation would write (`record`), so that the
    /// metadata files are read once for both.
    fn update_against(&self, loaded: &Loaded, record: &[GeneratedFile]) -> Result<Update, Error> {
        let out_dir = self.require_out_dir()?;
        let current = match &self.version {
            Some(version) => version.clone(),
            None => std::fs::read_to_string(out_dir.join("Cargo.toml"))
                .ok()
                .and_then(|text| emit::templates::package_field(&text, "version"))
                .unwrap_or_else(|| FIRST_VERSION.to_owned()),
        };
        let (changes, unreadable_record) = match record::recorded(out_dir, &self.crate_name) {
            Ok(Some(old)) => match self.changes_since(&old, loaded, record) {
                Ok(report) => (Some(report), None),
                Err(error) => (None, Some(error.to_string())),
            },
            Ok(None) => (None, None),
            Err(error) => (None, Some(error.to_string())),
        };
        let mut update = Update {
            changes,
            unreadable_record,
            version: current.clone(),
            current,
        };
        if self.bump {
            update.version = update.bumped()?;
        }
        Ok(update)
    }

    /// The changes from the recorded generation `old` to this one. Nothing to load when the
    /// record holds exactly the files and settings this generation would record.
    fn changes_since(
        &self,
        old: &Config,
        loaded: &Loaded,
        record: &[GeneratedFile],
    ) -> Result<diff::Report, Error> {
        let out_dir = self.require_out_dir()?;
        let unchanged = record.iter().all(|file| {
            std::fs::read(out_dir.join(&file.path)).is_ok_and(|b| b == file.contents.as_bytes())
        });
        if unchanged {
            return Ok(diff::Report::default());
        }
        let old_loaded = old.load().map_err(|error| {
            Error::Settings(format!(
                "the metadata recorded in {} does not load, so what changed is not known: {error}",
                out_dir.join(record::DIR).display(),
            ))
        })?;
        diff::compare_loaded(old, &old_loaded, self, loaded)
    }

    fn require_out_dir(&self) -> Result<&Path, Error> {
        self.out_dir
            .as_deref()
            .ok_or_else(|| Error::Settings("no output directory given".to_owned()))
    }

    /// Generates the crate into the output directory, writing only what changed.
    pub fn generate(&self) -> Result<(Loaded, write::WriteReport), Error> {
        let generation = self.generate_timed()?;
        Ok((generation.loaded, generation.report))
    }

    /// [`Config::generate`], also returning what the update did to the crate and the wall time
    /// of each phase (for benchmarks).
    pub fn generate_timed(&self) -> Result<Generation, Error> {
        let out_dir = self.require_out_dir()?;
        let mut times = PhaseTimes::default();
        let mut loaded = self.load_timed(&mut times)?;
        let record = record::files(self, &loaded)?;
        let update = self.update_against(&loaded, &record)?;
        timing::take_rendering();
        let started = Instant::now();
        let (files, warnings) = self.render_with(&loaded, &update.version, record)?;
        loaded.warnings.extend(warnings);
        (times.emit, times.format) = timing::split_rendering(started.elapsed());
        let started = Instant::now();
        let report = write::write_crate(out_dir, &files)?;
        times.write = started.elapsed();
        Ok(Generation {
            loaded,
            report,
            update,
            times,
        })
    }

    /// Resolves each URL (optionally preceded by an HTTP method; `method` overrides it) against
    /// the loaded model as this configuration generates it: what it addresses and the builder
    /// chain of the generated crate that produces it. See [`resolve`].
    pub fn resolve(
        &self,
        loaded: &Loaded,
        method: Option<&str>,
        urls: &[&str],
    ) -> Result<Vec<Result<resolve::Resolution, Box<resolve::Unresolved>>>, Error> {
        let plan = Plan::new(&loaded.model, self.selection(loaded)?);
        Ok(urls
            .iter()
            .map(|url| resolve::resolve(&plan, method, url))
            .collect())
    }

    /// Whether the output directory holds exactly what generation would write, and what the
    /// metadata changes since the crate was generated do to its API.
    pub fn check(&self) -> Result<Check, Error> {
        let out_dir = self.require_out_dir()?;
        let loaded = self.load()?;
        let record = record::files(self, &loaded)?;
        let update = self.update_against(&loaded, &record)?;
        let (files, _) = self.render_with(&loaded, &update.version, record)?;
        Ok(Check {
            staleness: write::staleness(out_dir, &files)?,
            update,
        })
    }

    /// For `build.rs`: writes `$OUT_DIR/<module>.rs`, one file with every module inline, to be
    /// `include!`d inside `mod <module> { … }`; prints `cargo:rerun-if-changed` for every
    /// metadata file read, `cargo:warning` for metadata warnings, and one `cargo:warning` with
    /// what the metadata changes since the last build do to the API (compared with a record in
    /// `$OUT_DIR/<module>.record/`). The including crate depends on `odata-codegen-runtime` at
    /// this generator's version, `serde` and `serde_json` (see the README).
    pub fn generate_for_build_script(&self, module: &str) -> Result<PathBuf, Error> {
        let out_dir = std::env::var_os("OUT_DIR")
            .map(PathBuf::from)
            .ok_or_else(|| Error::Settings("OUT_DIR is not set: call this from build.rs".into()))?;
        for input in &self.inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        let loaded = self.load()?;
        for file in &loaded.files {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        for warning in diagnostics::grouped(&loaded.warnings) {
            println!("cargo:warning={warning}");
        }
        // What the metadata changes since the last build do to the API, from a record kept
        // beside the output (as a generated crate keeps one).
        let mut recording = self.clone();
        recording.out_dir(out_dir.join(format!("{module}.record")));
        let record = record::files(&recording, &loaded)?;
        let update = recording.update_against(&loaded, &record)?;
        if let Some(why) = &update.unreadable_record {
            println!("cargo:warning={why}");
        }
        if let Some(summary) = update.summary() {
            println!("cargo:warning=metadata changes since the last build: {summary}");
        }
        write::write_files(recording.require_out_dir()?, &record)?;
        let source = self.render_module(&loaded, Some(module))?;
        let path = out_dir.join(format!("{module}.rs"));
        let file = GeneratedFile {
            path: PathBuf::from(format!("{module}.rs")),
            contents: source,
        };
        write::write_files(&out_dir, std::slice::from_ref(&file))?;
        Ok(path)
    }
}

/// The type a `--map-type` names: `namespace.Name` or `alias.Name`. Only complex types, enum
/// types and type definitions that no key uses: an entity type is addressed by URLs whose
/// builders need its key and structure, and a key value must be written into a URL.
fn resolve_mapped_type(model: &Model, qualified: &str) -> Result<model::TypeId, Error> {
    let settings = |why: String| Error::Settings(format!("--map-type {qualified}: {why}"));
    let (qualifier, name) = qualified
        .rsplit_once('.')
        .ok_or_else(|| settings("expected a qualified type name (`namespace.Name`)".into()))?;
    let namespace = model
        .namespaces
        .iter()
        .find(|n| n.name == qualifier || n.alias.as_deref() == Some(qualifier))
        .map_or(qualifier, |n| n.name.as_str());
    let id = model
        .type_by_name(&format!("{namespace}.{name}"))
        .ok_or_else(|| settings("the metadata defines no type of that name".into()))?;
    if model.ty(id).is_entity() {
        return Err(settings(
            "an entity type cannot be mapped (its URLs need its key and structure); map its complex types instead".into(),
        ));
    }
    for entity in model.type_ids() {
        let uses = model.structured(entity).and_then(|s| s.key.as_ref());
        if uses.is_some_and(|key| {
            key.iter()
                .any(|part| part.ty.target == model::Target::Named(id))
        }) {
            return Err(settings(format!(
                "the type is used in the key of `{}`, whose values must be written into URLs",
                model.ty(entity).qualified_name()
            )));
        }
    }
    Ok(id)
}

/// A `--map-type` Rust path, checked and normalized: a type path (`serde_json::Value`,
/// `::my_crate::Json`, `crate::json::Json`, generic arguments allowed) that resolves from any
/// module of the generated code, so not relative (`self::`, `super::`) and not a bare name.
/// The text is parsed, never pasted: what comes out is the parsed path printed again.
fn rust_type_path(text: &str) -> Result<String, &'static str> {
    let path: syn::TypePath =
        syn::parse_str(text).map_err(|_| "is not a Rust type path (like `serde_json::Value`)")?;
    if path.qself.is_some() {
        return Err("is a qualified path (`<T as Trait>::X`); name the type itself");
    }
    let first = path.path.segments.first().map(|s| s.ident.to_string());
    if matches!(first.as_deref(), Some("self" | "super" | "Self")) {
        return Err("is relative; generated modules are nested, so give an absolute path (`crate::…`, `my_crate::…`)");
    }
    if path.path.leading_colon.is_none() && path.path.segments.len() < 2 {
        return Err("is a bare name, which the generated modules would not see; give its path (`crate::…`, `my_crate::…`)");
    }
    let tokens = quote::ToTokens::to_token_stream(&path);
    let file = syn::parse_quote!(type T = #tokens;);
    let printed = prettyplease::unparse(&file);
    Ok(printed
        .trim()
        .trim_start_matches("type T = ")
        .trim_end_matches(';')
        .to_owned())
}

/// Paths in headers and messages use `/`, so output is the same on every platform.
fn display_path(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

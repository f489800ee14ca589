//! `profile`: where the compile time of the whole Graph crate goes, by kind of generated item.
//!
//! rustc's self-profiler (`-Z self-profile`, reached on a stable toolchain with
//! `RUSTC_BOOTSTRAP=1`, as rustc's own performance work does) records every query with the
//! item it ran for. Each query's self time (its duration minus that of the queries it called)
//! is charged to the kind of item, told apart by the names the generator gives them
//! (`read_property`, the upper-case typed query constants, `paths::…`); queries that run for
//! the whole crate (parsing, expansion, name resolution, coherence, metadata, incremental
//! state) are a row of their own. Deletion experiments answer "what if this code were gone"
//! only roughly on a shared machine; this table says what each kind costs in one run.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use analyzeme::ProfilingData;

use crate::compile::Compiler;
use crate::measure;
use crate::report::Report;
use crate::table::Table;

/// The kinds of item, in the order of the table; `kind` returns an index into it.
const KINDS: [&str; 12] = [
    "struct and enum derives (`Clone`, `PartialEq`, `Default`, `Hash`)",
    "`read_property` and `write_properties` (a match arm and a call per property)",
    "`Any…` enums: `read_variant`, `write_variant`, `From`",
    "enum members: `from_wire`, `as_wire`",
    "the one-line impls from the runtime's macros (`Serialize`, `Deserialize`, `Debug`, `Envelope`)",
    "typed query constants (one per property)",
    "`TYPE_NAME`, `PROPERTIES`, `VARIANTS`, `NAMESPACES`",
    "path builders (`paths.rs`)",
    "`Wire` method bodies (gone since the blanket impl over `Model`)",
    "other queries: types (drop check, layout, well-formedness), trait obligations, per-module passes (privacy, lints)",
    "whole-crate passes (parsing, expansion, resolution, HIR, coherence, metadata, incremental)",
    "the profiler itself (not counted)",
];
const OTHER_ITEMS: usize = 9;
const WHOLE_CRATE: usize = 10;
const PROFILER: usize = 11;

/// The kind of the item a query ran for, from its key (e.g.
/// `graph_v1::models::{{impl}}[52]::read_property`).
fn kind(label: &str, key: &str) -> usize {
    if label == "self_profile_alloc_query_strings" {
        return PROFILER;
    }
    if key.is_empty() || !key.contains("::") {
        return WHOLE_CRATE;
    }
    let last = key.rsplit("::").next().unwrap_or_default();
    match last {
        "clone" | "eq" | "default" | "hash" => 0,
        "read_property" | "write_properties" => 1,
        "read_variant" | "write_variant" | "from" => 2,
        "from_wire" | "as_wire" => 3,
        "serialize" | "deserialize" | "fmt" | "envelope" | "envelope_mut" => 4,
        "TYPE_NAME" | "PROPERTIES" | "VARIANTS" | "NAMESPACES" => 6,
        "serialize_wire" | "deserialize_wire" => 8,
        _ if key.contains("::paths::") => 7,
        _ if !last.is_empty()
            && last
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') =>
        {
            5
        }
        _ => OTHER_ITEMS,
    }
}

/// One query: when it ran, on which thread, and the kind of its item.
struct Span {
    thread: u32,
    start: SystemTime,
    end: SystemTime,
    kind: usize,
    /// A `typeck` of a body: counted to give the number of bodies of each kind.
    body: Option<String>,
}

impl Span {
    fn duration(&self) -> Duration {
        self.end.duration_since(self.start).unwrap_or_default()
    }
}

/// Self time and bodies per kind.
struct Breakdown {
    time: [Duration; KINDS.len()],
    bodies: [usize; KINDS.len()],
}

fn breakdown(stem: &Path) -> Result<Breakdown, String> {
    let data = ProfilingData::new(stem).map_err(|e| format!("{}: {e}", stem.display()))?;
    let mut spans = Vec::with_capacity(data.num_events());
    for event in data.iter_full() {
        let Some(timestamp) = event.payload.timestamp() else {
            continue;
        };
        if timestamp.is_instant() {
            continue;
        }
        let key = event.additional_data.first().map_or("", |k| k.as_ref());
        let kind = kind(&event.label, key);
        spans.push(Span {
            thread: event.thread_id,
            start: timestamp.start(),
            end: timestamp.end(),
            kind,
            body: (event.label == "typeck").then(|| key.to_owned()),
        });
    }
    // Outer spans before the spans they contain: by thread, start, then the longest first.
    spans.sort_by(|a, b| {
        (a.thread, a.start, std::cmp::Reverse(a.end)).cmp(&(
            b.thread,
            b.start,
            std::cmp::Reverse(b.end),
        ))
    });
    let mut own: Vec<Duration> = spans.iter().map(Span::duration).collect();
    let mut open: Vec<usize> = Vec::new();
    for (i, span) in spans.iter().enumerate() {
        while let Some(&outer) = open.last() {
            let o = &spans[outer];
            if o.thread == span.thread && span.start >= o.start && span.end <= o.end {
                break;
            }
            open.pop();
        }
        if let Some(&outer) = open.last() {
            own[outer] = own[outer].saturating_sub(span.duration());
        }
        open.push(i);
    }
    let mut out = Breakdown {
        time: [Duration::ZERO; KINDS.len()],
        bodies: [0; KINDS.len()],
    };
    let mut seen = HashSet::new();
    for (span, own) in spans.iter().zip(own) {
        out.time[span.kind] += own;
        if let Some(body) = &span.body {
            if seen.insert(body.as_str()) {
                out.bodies[span.kind] += 1;
            }
        }
    }
    Ok(out)
}

/// The section: profiles one `cargo check` of the whole crate and writes the table.
pub fn run(compiler: &mut Compiler, report: &mut Report, graph: &Path) -> Result<(), String> {
    let name = "graph-v1-profile";
    let (dir, mut cargo) = compiler.ready_to_check(graph, name)?;
    let out = dir.join("self-profile");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("profile: `cargo check` of the whole Graph crate under rustc's self-profiler");
    cargo
        .args(["rustc", "--lib", "--profile", "check", "--"])
        .arg(format!("-Zself-profile={}", out.display()))
        .arg("-Zself-profile-events=default,query-keys")
        .env("RUSTC_BOOTSTRAP", "1");
    let log = compiler.log_path(&format!("{name}-self-profile"));
    measure::run_ok(&mut cargo, &log)?;
    let stem = profile_stem(&out)?;
    let found = breakdown(&stem)?;
    // The profile is large (about 2 GB for Graph); the table is what is kept.
    let _ = std::fs::remove_dir_all(&out);

    let counted: Duration = found.time[..PROFILER].iter().sum();
    let mut table = Table::new(&["kind of item", "bodies", "self time", "share"]);
    for (i, label) in KINDS.iter().enumerate().take(PROFILER) {
        if found.time[i].is_zero() && found.bodies[i] == 0 {
            continue;
        }
        table.row(vec![
            (*label).to_owned(),
            match i {
                WHOLE_CRATE => "-".to_owned(),
                _ => found.bodies[i].to_string(),
            },
            format!("{:.1} s", found.time[i].as_secs_f64()),
            format!(
                "{:.1} %",
                100.0 * found.time[i].as_secs_f64() / counted.as_secs_f64()
            ),
        ]);
    }
    let lead = format!(
        "One `cargo check` of the whole crate generated from `{}` (dev profile, from scratch), with \
         `-Z self-profile -Z self-profile-events=default,query-keys` (`RUSTC_BOOTSTRAP=1`). Each \
         query's self time is charged to the kind of item it ran for, told apart by the names the \
         generator gives them; \"bodies\" counts the function and constant bodies type-checked. \
         The profiler slows rustc down (its own string table, {:.1} s here, is left out): the \
         shares are what to read, not the seconds.",
        compiler.show(graph),
        found.time[PROFILER].as_secs_f64(),
    );
    report.section(
        "Where the compile time of the whole Graph crate goes",
        &lead,
        &table,
        &[],
    );
    Ok(())
}

/// The profile rustc wrote (`<crate>-<pid>.mm_profdata`), as the path without its extension.
fn profile_stem(dir: &Path) -> Result<PathBuf, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "mm_profdata"))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.with_extension("")),
        _ => Err(format!(
            "{}: expected one self-profile, found {}",
            dir.display(),
            found.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_told_apart_by_their_generated_names() {
        let k = |key: &str| KINDS[kind("typeck", key)];
        assert_eq!(k("g::models::{{impl}}[3]::read_property"), KINDS[1]);
        assert_eq!(k("g::models::security::{{impl}}[9]::clone"), KINDS[0]);
        assert_eq!(k("g::models::{{impl}}[4]::DISPLAY_NAME"), KINDS[5]);
        assert_eq!(k("g::models::{{impl}}[4]::PROPERTIES"), KINDS[6]);
        assert_eq!(k("g::paths::{{impl}}[10]::members"), KINDS[7]);
        assert_eq!(k("g::models::{{impl}}[8]::from_wire"), KINDS[3]);
        assert_eq!(k("g::models::{{impl}}[8]::from"), KINDS[2]);
        assert_eq!(k("g::models::{{impl}}[8]::fmt"), KINDS[4]);
        assert_eq!(k(""), KINDS[WHOLE_CRATE]);
        assert_eq!(
            KINDS[kind("self_profile_alloc_query_strings", "")],
            KINDS[PROFILER]
        );
    }
}

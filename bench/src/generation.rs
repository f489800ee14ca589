//! Generation: wall time and peak memory of `odata-codegen generate`, split into phases, against
//! reading the same file with quick-xml alone (the floor of any generator that reads it).

use std::path::Path;
use std::process::Command;

use crate::measure;
use crate::report::{self, Report};
use crate::stats::{megabytes, ratio, seconds, Samples};
use crate::table::Table;
use crate::{Bench, Generate};

const PHASES: [&str; 5] = ["read", "graph", "emit", "format", "write"];

pub fn run(
    bench: &Bench,
    report: &mut Report,
    title: &str,
    input: &Path,
    has_targets: bool,
) -> Result<(), String> {
    let out = bench.scratch.join("generation").join("out");
    let mut wall = Samples::new();
    let mut peak = Samples::new();
    let mut phases: Vec<Samples> = vec![Samples::new(); PHASES.len()];
    let mut scan_wall = Samples::new();
    let mut scan_peak = Samples::new();
    for i in 0..bench.runs {
        eprintln!("generation: {title}, run {}/{}", i + 1, bench.runs);
        // An empty directory each time, so that every file is written.
        if out.exists() {
            std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        }
        let mut generate = bench.generate_command(&Generate {
            input,
            includes: &[],
            out: &out,
            crate_name: "bench-out",
        });
        let run = measure::run_ok(generate.arg("--timings"), &bench.logs.join("generate.log"))?;
        wall.push_duration(run.wall);
        peak.push(run.peak_rss as f64);
        let times = parse_timings(&run.output)?;
        for (samples, value) in phases.iter_mut().zip(times) {
            samples.push(value);
        }
        // The reference, interleaved so that both see the same machine state.
        let scan = measure::run_ok(
            Command::new(&bench.me).arg("--scan-xml").arg(input),
            &bench.logs.join("scan-xml.log"),
        )?;
        scan_wall.push_duration(scan.wall);
        scan_peak.push(scan.peak_rss as f64);
    }
    let mut table = Table::new(&["measure", "min", "median", "ratio (median)"]);
    table.row(vec![
        "`generate`: wall time".to_owned(),
        seconds(wall.min()),
        seconds(wall.median()),
        format!(
            "{} quick-xml scan",
            ratio(wall.median() / scan_wall.median())
        ),
    ]);
    table.row(vec![
        "`generate`: peak memory".to_owned(),
        megabytes(peak.min()),
        megabytes(peak.median()),
        format!(
            "{} quick-xml scan",
            ratio(peak.median() / scan_peak.median())
        ),
    ]);
    let phase_total: f64 = phases.iter().map(Samples::median).sum();
    for (name, samples) in PHASES.iter().zip(&phases) {
        table.row(vec![
            format!("phase: {name}"),
            seconds(samples.min()),
            seconds(samples.median()),
            format!(
                "{:.0}% of the phases",
                samples.median() / phase_total * 100.0
            ),
        ]);
    }
    table.row(vec![
        "reference: quick-xml scan, wall time".to_owned(),
        seconds(scan_wall.min()),
        seconds(scan_wall.median()),
        ratio(1.0),
    ]);
    table.row(vec![
        "reference: quick-xml scan, peak memory".to_owned(),
        megabytes(scan_peak.min()),
        megabytes(scan_peak.median()),
        ratio(1.0),
    ]);
    let size = std::fs::metadata(input).map(|m| m.len()).unwrap_or(0);
    let lead = format!(
        "`odata-codegen generate --input {} --out <empty dir>` (release build), {} run(s), each \
         followed by the reference: a process that reads the same file ({:.1} MB) and pulls every \
         XML event with quick-xml, doing nothing else. Wall time and peak memory are those of the \
         whole process; the phases are timed inside it (`--timings`): read = XML to documents, \
         graph = resolution and validation, emit = names and tokens, format = prettyplease, \
         write = files. Process start-up and exit are in the wall time, not in the phases.",
        bench.show(input),
        bench.runs,
        size as f64 / 1e6
    );
    report.section(&format!("Generation: {title}"), &lead, &table, &[]);
    if has_targets {
        report.target(report::at_most(
            &format!("{title} generation: wall"),
            0.5,
            wall.median(),
            seconds,
        ));
        report.target(report::at_most(
            &format!("{title} generation: peak memory"),
            300e6,
            peak.median(),
            megabytes,
        ));
    }
    Ok(())
}

/// The `{"read_s":…}` line that `generate --timings` prints, as seconds in [`PHASES`] order.
fn parse_timings(output: &str) -> Result<Vec<f64>, String> {
    let line = output
        .lines()
        .find(|l| l.starts_with("{\"") && l.contains("read_s"))
        .ok_or_else(|| format!("no timings in the output of generate:\n{output}"))?;
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    PHASES
        .iter()
        .map(|phase| {
            value[format!("{phase}_s")]
                .as_f64()
                .ok_or_else(|| format!("no `{phase}_s` in {line}"))
        })
        .collect()
}

/// The reference: every XML event of the file, counted (run as its own process). Read like the
/// generator reads: the whole file as text, events borrowed from it.
pub fn scan_xml(path: &Path) -> Result<u64, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut events = 0u64;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return Ok(events),
            Ok(_) => events += 1,
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timings_are_found_among_warnings() {
        let output = "warning: something\n{\"read_s\":0.1,\"graph_s\":0.2,\"emit_s\":0.3,\"format_s\":0.4,\"write_s\":0.5}\ngenerated x\n";
        assert_eq!(
            parse_timings(output).unwrap(),
            vec![0.1, 0.2, 0.3, 0.4, 0.5]
        );
    }

    #[test]
    fn missing_timings_are_an_error() {
        assert!(parse_timings("generated x\n").is_err());
    }
}

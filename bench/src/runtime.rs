//! Run time: deserializing and serializing one page of assignments with the generated crate,
//! with plain derive structs, and with `serde_json::Value`, interleaved in this process.

use std::hint::black_box;
use std::time::{Duration, Instant};

use graph_assignments::models::DeviceConfigurationAssignment;
use graph_assignments::runtime::Collection;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::payload;
use crate::plain;
use crate::report::{self, Report};
use crate::stats::{ratio, seconds, Samples};
use crate::table::Table;
use crate::Bench;

struct Contender {
    label: &'static str,
    round: fn(&str) -> Result<Round, String>,
    deserialize: Samples,
    serialize: Samples,
    last_output: String,
}

/// One deserialization and serialization of the payload.
struct Round {
    deserialize: Duration,
    serialize: Duration,
    output: String,
}

fn round<T: DeserializeOwned + Serialize>(payload: &str) -> Result<Round, String> {
    let started = Instant::now();
    let value: T = serde_json::from_str(black_box(payload)).map_err(|e| e.to_string())?;
    let deserialize = started.elapsed();
    let value = black_box(value);
    let started = Instant::now();
    let output = serde_json::to_string(&value).map_err(|e| e.to_string())?;
    let serialize = started.elapsed();
    // Dropping the value is timed by neither.
    drop(value);
    Ok(Round {
        deserialize,
        serialize,
        output,
    })
}

pub fn run(bench: &Bench, report: &mut Report) -> Result<(), String> {
    let payload = payload::collection(bench.objects);
    let mut contenders = [
        Contender {
            label: "generated (`graph-assignments`)",
            round: round::<Collection<DeviceConfigurationAssignment>>,
            deserialize: Samples::new(),
            serialize: Samples::new(),
            last_output: String::new(),
        },
        Contender {
            label: "plain `#[derive(Serialize, Deserialize)]`",
            round: round::<plain::Page>,
            deserialize: Samples::new(),
            serialize: Samples::new(),
            last_output: String::new(),
        },
        Contender {
            label: "`serde_json::Value`",
            round: round::<serde_json::Value>,
            deserialize: Samples::new(),
            serialize: Samples::new(),
            last_output: String::new(),
        },
    ];
    eprintln!(
        "runtime: {} objects, {:.1} MB, {} iterations",
        bench.objects,
        payload.len() as f64 / 1e6,
        bench.runtime_iterations
    );
    // One untimed round each: allocator and caches warmed alike.
    for contender in &contenders {
        (contender.round)(&payload)?;
    }
    let count = contenders.len();
    for iteration in 0..bench.runtime_iterations {
        // A different contender goes first each time, so none always runs on a cold cache.
        for k in 0..count {
            let contender = &mut contenders[(iteration + k) % count];
            let round = (contender.round)(&payload)?;
            contender.deserialize.push_duration(round.deserialize);
            contender.serialize.push_duration(round.serialize);
            contender.last_output = round.output;
        }
    }
    let input: serde_json::Value = serde_json::from_str(&payload).map_err(|e| e.to_string())?;
    let megabytes = payload.len() as f64 / 1e6;
    let generated_de = contenders[0].deserialize.median();
    let mut table = Table::new(&[
        "implementation",
        "deserialize min",
        "deserialize median",
        "MB/s (median)",
        "generated's speed ×",
        "serialize min",
        "serialize median",
        "output size",
        "lossless round trip",
    ]);
    for c in &contenders {
        let lossless = serde_json::from_str::<serde_json::Value>(&c.last_output)
            .map(|v| v == input)
            .unwrap_or(false);
        table.row(vec![
            c.label.to_owned(),
            seconds(c.deserialize.min()),
            seconds(c.deserialize.median()),
            format!("{:.0}", megabytes / c.deserialize.median()),
            ratio(c.deserialize.median() / generated_de),
            seconds(c.serialize.min()),
            seconds(c.serialize.median()),
            format!("{:.2} MB", c.last_output.len() as f64 / 1e6),
            if lossless { "yes" } else { "no" }.to_owned(),
        ]);
    }
    let lead = format!(
        "One page of {} `deviceConfigurationAssignment` objects ({:.2} MB of JSON, generated, seeded): \
         targets of all five derived types (`@odata.type` with and without `#`, one in 40 of a type \
         the model does not know), instance and property annotations (`@odata.etag`, \
         `x@odata.type`), unknown properties, nested unknown objects. Each implementation reads it \
         from a `&str` with `serde_json::from_str` and writes it back with `serde_json::to_string`, \
         {} timed iterations after one untimed, interleaved in one process (release build). \
         \"generated's speed ×\" is the implementation's median deserialization time divided by the \
         generated crate's (above 1: the generated crate is faster). \"Lossless\": the output parses \
         to the same JSON value as the input.",
        bench.objects,
        megabytes,
        bench.runtime_iterations
    );
    let mut notes = Vec::new();
    if cfg!(debug_assertions) {
        notes.push("**This is a debug build: run time figures are meaningless.**".to_owned());
    }
    report.section("Run time: one page of assignments", &lead, &table, &notes);
    let plain_de = contenders[1].deserialize.median();
    let value_de = contenders[2].deserialize.median();
    report.target(report::at_least_ratio(
        "deserialization speed vs plain derive",
        0.8,
        plain_de / generated_de,
    ));
    report.target(report::at_least_ratio(
        "deserialization speed vs `serde_json::Value`",
        3.0,
        value_de / generated_de,
    ));
    Ok(())
}

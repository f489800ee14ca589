//! A report for people (one line per change, grouped by impact, then a summary line) and for
//! tools (JSON, its schema in the README's "What changed" section).

use serde_json::{json, Value};

use crate::diagnostics::Pos;

use super::rules::Impact;
use super::surface::Aspect;
use super::urls::UrlChange;
use super::{Change, Report, What};

/// A version and the one the report calls for (`0.3.1`, `0.4.0`), when the caller knows it.
pub type Versions<'a> = Option<(&'a str, &'a str)>;

/// The report as lines: breaking changes, additive ones, those without API effect, the URLs
/// they change, and the summary line.
pub fn human(report: &Report, versions: Versions) -> String {
    let mut out = String::new();
    let groups = [
        (Impact::Breaking, "Breaking"),
        (Impact::Additive, "Additive"),
        (Impact::Internal, "Without effect on the API"),
    ];
    for (impact, title) in groups {
        let changes: Vec<&Change> = report
            .changes
            .iter()
            .filter(|c| c.impact == impact)
            .collect();
        if changes.is_empty() {
            continue;
        }
        out.push_str(&format!("{title} ({}):\n", changes.len()));
        for change in changes {
            out.push_str(&format!("  {}\n", line(change)));
        }
    }
    if !report.urls.is_empty() {
        out.push_str(&format!(
            "Where the path builders address them ({}):\n",
            report.urls.len()
        ));
        for url in &report.urls {
            out.push_str(&format!("  {}\n", url_line(url)));
        }
    }
    out.push_str(&summary(report, versions));
    out
}

/// `2 breaking, 3 additive changes (1 without effect on the API): semver bump major`.
pub fn summary(report: &Report, versions: Versions) -> String {
    let internal = report.count(Impact::Internal);
    let aside = if internal > 0 {
        format!(" ({internal} without effect on the API)")
    } else {
        String::new()
    };
    let version = versions
        .map(|(current, next)| format!(" ({current} → {next})"))
        .unwrap_or_default();
    format!(
        "{} breaking, {} additive changes{aside}: semver bump {}{version}",
        report.count(Impact::Breaking),
        report.count(Impact::Additive),
        report.bump().name()
    )
}

/// `~ property ns.user/age: type Edm.Int32 → Edm.Int64 (Rust i32 → runtime::Int64)  old:1:2 → new:1:2`.
fn line(change: &Change) -> String {
    let sign = match change.what {
        What::Added => '+',
        What::Removed => '-',
        What::Changed(_) => '~',
    };
    format!(
        "{sign} {} {}: {}  {}",
        change.kind.name(),
        change.element,
        detail(change),
        positions(change.old.as_ref(), change.new.as_ref())
    )
}

/// What changed, old → new.
fn detail(change: &Change) -> String {
    let What::Changed(aspect) = change.what else {
        return match change.what {
            What::Added => "added".to_owned(),
            _ => "removed".to_owned(),
        };
    };
    let mut text = aspect.name().to_owned();
    if let (Aspect::Features, Some((old, new))) = (aspect, &change.values) {
        // Lists of dozens of features: what they gained and lost says it.
        return format!("{text}: {}", feature_delta(old, new));
    }
    if let Some((old, new)) = &change.values {
        if old == new {
            text.push_str(&format!(" {old}"));
        } else {
            text.push_str(&format!(" {old} → {new}"));
        }
    }
    // The Rust side, when it says something the CSDL side does not.
    if let Some((old, new)) = change
        .rust
        .as_ref()
        .filter(|r| Some(*r) != change.values.as_ref())
    {
        let none = |s: &str| {
            if s.is_empty() {
                "none".to_owned()
            } else {
                s.to_owned()
            }
        };
        text.push_str(&format!(" (Rust {} → {})", none(old), none(new)));
    }
    text
}

/// `+groups +users -sites`: the features gained, then those lost.
fn feature_delta(old: &str, new: &str) -> String {
    let (gained, lost) = super::surface::gained_and_lost(old, new);
    let gained = gained.into_iter().map(|f| format!("+{f}"));
    let lost = lost.into_iter().map(|f| format!("-{f}"));
    gained.chain(lost).collect::<Vec<_>>().join(" ")
}

fn positions(old: Option<&Pos>, new: Option<&Pos>) -> String {
    match (old, new) {
        (Some(old), Some(new)) => format!("{old} → {new}"),
        (Some(pos), None) | (None, Some(pos)) => pos.to_string(),
        (None, None) => String::new(),
    }
}

fn url_line(url: &UrlChange) -> String {
    let (sign, requests) = match (&url.old, &url.new) {
        (Some(old), Some(new)) => ('~', format!("{} → {}", old.requests, new.requests)),
        (Some(old), None) => ('-', old.requests.clone()),
        (None, Some(new)) => ('+', new.requests.clone()),
        (None, None) => (' ', String::new()),
    };
    let element = if url.element == url.path() {
        String::new()
    } else {
        format!(" ({})", url.element)
    };
    format!(
        "{sign} {}{element}: {requests}  {}",
        url.path(),
        positions(
            url.old.as_ref().map(|s| &s.pos),
            url.new.as_ref().map(|s| &s.pos)
        )
    )
}

/// The report as one JSON document (schema in the README).
pub fn json(report: &Report, versions: Versions) -> String {
    let changes: Vec<Value> = report.changes.iter().map(change_json).collect();
    let urls: Vec<Value> = report.urls.iter().map(url_json).collect();
    let mut document = json!({
        "changes": changes,
        "urls": urls,
        "summary": {
            "breaking": report.count(Impact::Breaking),
            "additive": report.count(Impact::Additive),
            "internal": report.count(Impact::Internal),
        },
        "bump": report.bump().name(),
    });
    if let Some((current, next)) = versions {
        document["version"] = json!({"current": current, "next": next});
    }
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

fn change_json(change: &Change) -> Value {
    let (what, aspect) = match change.what {
        What::Added => ("added", None),
        What::Removed => ("removed", None),
        What::Changed(aspect) => ("changed", Some(aspect.key())),
    };
    let mut value = json!({
        "kind": change.kind.name(),
        "element": change.element,
        "change": what,
        "aspect": aspect,
        "impact": change.impact.name(),
        "breaking": change.impact == Impact::Breaking,
        "old": change.old.as_ref().map(position_json),
        "new": change.new.as_ref().map(position_json),
        "detail": detail(change),
    });
    if let Some((from, to)) = &change.values {
        value["from"] = json!(from);
        value["to"] = json!(to);
    }
    if let Some((from, to)) = &change.rust {
        value["rust"] = json!({"from": from, "to": to});
    }
    value
}

fn url_json(url: &UrlChange) -> Value {
    let what = match (&url.old, &url.new) {
        (Some(_), Some(_)) => "changed",
        (Some(_), None) => "removed",
        _ => "added",
    };
    let side = |side: &super::urls::UrlSide| json!({"path": side.path, "requests": side.requests, "position": position_json(&side.pos)});
    json!({
        "element": url.element,
        "change": what,
        "impact": url.impact().name(),
        "breaking": url.impact() == Impact::Breaking,
        "old": url.old.as_ref().map(side),
        "new": url.new.as_ref().map(side),
    })
}

fn position_json(pos: &Pos) -> Value {
    json!({"file": &*pos.file, "line": pos.line, "column": pos.column})
}

//! How a resolution reads: a block of text for a person, one line per URL for many, a JSON
//! object for tools.

use serde_json::{json as value, Value};

use super::{Resolution, Unresolved};

/// The answer for one URL as text: a block with one fact per line, or with `compact` one line
/// (`METHOD path → chain` or `input: error: …`).
pub fn text(result: &Result<Resolution, Box<Unresolved>>, compact: bool) -> String {
    match result {
        Ok(r) if compact => match &r.chain {
            Ok(chain) => format!("{} {} → {}", r.method, r.path, chain.text),
            Err(why) => format!("{} {} → no builder: {why}", r.method, r.path),
        },
        Ok(r) => {
            let mut lines = vec![
                format!("{} {}", r.method, r.path),
                format!("  addresses: {}", r.addresses),
                format!("  methods:   {}", r.methods.join(" ")),
            ];
            match &r.chain {
                Ok(chain) => {
                    if let Some(request) = &chain.request {
                        lines.push(format!("  request:   {request}"));
                    }
                    lines.push(format!("  response:  {}", chain.response));
                    lines.push(format!("  builder:   {}", chain.text));
                    for b in &chain.bindings {
                        let value = b
                            .value
                            .as_ref()
                            .map(|v| format!(" (from the URL: {v})"))
                            .unwrap_or_default();
                        lines.push(format!("    where {}: {}{value}", b.name, b.rust_type));
                    }
                }
                Err(why) => lines.push(format!("  builder:   none: {why}")),
            }
            for note in &r.notes {
                lines.push(format!("  note: {note}"));
            }
            lines.join("\n")
        }
        Err(u) => {
            let at = match (u.segment, &u.text) {
                (Some(n), Some(text)) => format!(" at segment {n} `{text}`"),
                _ => String::new(),
            };
            let mut line = format!("{}: error{at}: {}", u.input, u.message);
            if !u.closest.is_empty() {
                line.push_str(&format!("; did you mean {}?", quoted(&u.closest, " or ")));
            } else if !u.expected.is_empty() && !compact {
                line.push_str(&format!("; expected one of {}", quoted(&u.expected, ", ")));
            }
            line
        }
    }
}

fn quoted(names: &[String], separator: &str) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(separator)
}

/// The answer for one URL as a JSON object (the schema is in the README).
pub fn json(result: &Result<Resolution, Box<Unresolved>>) -> Value {
    match result {
        Ok(r) => {
            let (builder, bindings, request, response, no_builder) = match &r.chain {
                Ok(c) => (
                    Value::from(c.text.clone()),
                    c.bindings
                        .iter()
                        .map(|b| {
                            value!({"name": b.name, "rust_type": b.rust_type, "value": b.value})
                        })
                        .collect(),
                    c.request.clone().map_or(Value::Null, Value::from),
                    Value::from(c.response.clone()),
                    Value::Null,
                ),
                Err(why) => (
                    Value::Null,
                    Vec::new(),
                    Value::Null,
                    Value::Null,
                    Value::from(why.clone()),
                ),
            };
            value!({
                "input": r.input,
                "resolved": true,
                "method": r.method,
                "path": r.path,
                "addresses": r.addresses,
                "element": r.element,
                "methods": r.methods,
                "builder": builder,
                "bindings": bindings,
                "request": request,
                "response": response,
                "no_builder": no_builder,
                "notes": r.notes,
            })
        }
        Err(u) => value!({
            "input": u.input,
            "resolved": false,
            "error": {
                "segment": u.segment,
                "text": u.text,
                "message": u.message,
                "expected": u.expected,
                "closest": u.closest,
            },
        }),
    }
}

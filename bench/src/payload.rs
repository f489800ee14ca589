//! A realistic, deterministic response: one page of `deviceConfigurationAssignment` objects as
//! Microsoft Graph sends it, with every kind of assignment target (`@odata.type` with and
//! without `#`, now and then one this model does not know), instance and property annotations,
//! and properties the model does not declare (newer service versions add them).

use std::fmt::Write as _;

/// The derived types of `deviceAndAppManagementAssignmentTarget` in `metadata/`.
const TARGETS: [&str; 5] = [
    "allDevicesAssignmentTarget",
    "allLicensedUsersAssignmentTarget",
    "configurationManagerCollectionAssignmentTarget",
    "exclusionGroupAssignmentTarget",
    "groupAssignmentTarget",
];

const FILTER_TYPES: [&str; 3] = ["none", "include", "exclude"];

/// A small deterministic generator (xorshift64*), so every run measures the same bytes.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// True with probability `1/n`.
    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn guid(&mut self) -> String {
        let a = self.next();
        let b = self.next();
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xffff,
            b >> 48,
            b & 0xffff_ffff_ffff
        )
    }
}

/// `{"@odata.context": …, "@odata.count": n, "value": [n objects], "@odata.nextLink": …}`.
pub fn collection(objects: usize) -> String {
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let policy = random.guid();
    let mut out = String::with_capacity(objects * 420 + 512);
    let _ = write!(
        out,
        "{{\"@odata.context\":\"https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations('{policy}')/assignments\",\"@odata.count\":{objects},\"value\":["
    );
    for i in 0..objects {
        if i > 0 {
            out.push(',');
        }
        assignment(&mut out, &mut random, &policy);
    }
    let _ = write!(
        out,
        "],\"@odata.nextLink\":\"https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations('{policy}')/assignments?$skiptoken={}\"}}",
        random.next()
    );
    out
}

fn assignment(out: &mut String, random: &mut Random, policy: &str) {
    let group = random.guid();
    out.push('{');
    if random.one_in(3) {
        out.push_str("\"@odata.type\":\"#microsoft.graph.deviceConfigurationAssignment\",");
    }
    if random.one_in(2) {
        let _ = write!(out, "\"@odata.etag\":\"W/\\\"{:016x}\\\"\",", random.next());
    }
    let _ = write!(out, "\"id\":\"{policy}_{group}\",");
    let source = if random.one_in(5) {
        "policySets"
    } else {
        "direct"
    };
    let _ = write!(out, "\"source\":\"{source}\",");
    if source == "direct" {
        out.push_str("\"sourceId\":null,");
    } else {
        let _ = write!(out, "\"sourceId\":\"{}\",", random.guid());
    }
    if random.one_in(2) {
        // Declared in later versions of the service: unknown here.
        let intent = if random.one_in(4) { "remove" } else { "apply" };
        let _ = write!(out, "\"intent\":\"{intent}\",");
    }
    if random.one_in(4) {
        let _ = write!(
            out,
            "\"lastModifiedDateTime@odata.type\":\"#DateTimeOffset\",\"lastModifiedDateTime\":\"2024-{:02}-{:02}T{:02}:{:02}:{:02}Z\",",
            1 + random.next() % 12,
            1 + random.next() % 28,
            random.next() % 24,
            random.next() % 60,
            random.next() % 60
        );
    }
    if random.one_in(8) {
        // An unknown structured value, nested.
        let _ = write!(
            out,
            "\"settings\":{{\"mode\":\"strict\",\"retries\":{},\"windows\":[{{\"start\":\"08:00:00\",\"end\":\"17:30:00\"}},{{\"start\":\"20:00:00\",\"end\":null}}],\"enabled\":true,\"ratio\":{}.{:03}}},",
            random.next() % 10,
            random.next() % 100,
            random.next() % 1000
        );
    }
    out.push_str("\"target\":");
    target(out, random, &group);
    out.push('}');
}

fn target(out: &mut String, random: &mut Random, group: &str) {
    let kind = random.pick(&TARGETS);
    out.push('{');
    let type_name = if random.one_in(40) {
        // A target type added to the service after this model was generated.
        "#microsoft.graph.allDevicesExceptExcludedAssignmentTarget".to_owned()
    } else if random.one_in(10) {
        format!("microsoft.graph.{kind}")
    } else {
        format!("#microsoft.graph.{kind}")
    };
    let _ = write!(out, "\"@odata.type\":\"{type_name}\",");
    if random.one_in(3) {
        out.push_str("\"deviceAndAppManagementAssignmentFilterId\":null,\"deviceAndAppManagementAssignmentFilterType\":\"none\"");
    } else {
        let filter = random.guid();
        let filter_type = random.pick(&FILTER_TYPES[1..]);
        let _ = write!(
            out,
            "\"deviceAndAppManagementAssignmentFilterId\":\"{filter}\",\"deviceAndAppManagementAssignmentFilterType\":\"{filter_type}\""
        );
    }
    match kind {
        "groupAssignmentTarget" | "exclusionGroupAssignmentTarget" => {
            let _ = write!(out, ",\"groupId\":\"{group}\"");
        }
        "configurationManagerCollectionAssignmentTarget" => {
            let _ = write!(
                out,
                ",\"collectionId\":\"SMS{:05}\"",
                random.next() % 100_000
            );
        }
        _ => {}
    }
    if random.one_in(6) {
        let _ = write!(out, ",\"targetLabel\":\"Ring {}\"", random.next() % 4);
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payload_is_valid_json_with_the_requested_count() {
        let text = collection(200);
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let items = value["value"].as_array().expect("a value array");
        assert_eq!(items.len(), 200);
        assert_eq!(value["@odata.count"], 200);
        let kinds: std::collections::BTreeSet<&str> = items
            .iter()
            .filter_map(|i| i["target"]["@odata.type"].as_str())
            .map(|t| {
                t.trim_start_matches('#')
                    .trim_start_matches("microsoft.graph.")
            })
            .collect();
        for kind in TARGETS {
            assert!(kinds.contains(kind), "{kind} missing from {kinds:?}");
        }
    }

    #[test]
    fn the_payload_is_the_same_every_time() {
        assert_eq!(collection(50), collection(50));
    }
}

//! Deserialization throughput of generated types against the same struct with
//! `#[derive(Deserialize)]`: the runtime must reach at least 0.8 of it.
//!
//! Timing is only meaningful in an optimized build, so the comparison is ignored by default:
//! `cargo test -p odata-codegen-runtime --release --test throughput -- --ignored --nocapture`.

use std::time::{Duration, Instant};

#[allow(unused_imports, dead_code)]
#[path = "../src/runtime/mod.rs"]
mod runtime;

use runtime::{AdditionalProperties, Collection, Nullable, Structured};
use serde::de::MapAccess;
use serde::ser::SerializeMap;
use serde::Deserialize;

/// A Graph-like entity, written the way the generator writes it.
#[derive(Default)]
pub struct User {
    pub odata_type: Option<String>,
    pub id: Option<String>,
    pub display_name: Nullable<String>,
    pub given_name: Nullable<String>,
    pub surname: Nullable<String>,
    pub mail: Nullable<String>,
    pub user_principal_name: Nullable<String>,
    pub job_title: Nullable<String>,
    pub office_location: Nullable<String>,
    pub business_phones: Option<Vec<String>>,
    pub account_enabled: Nullable<bool>,
    pub employee_hire_count: Nullable<i32>,
    pub quota: Nullable<i64>,
    pub additional_properties: AdditionalProperties,
}

impl Structured for User {
    const TYPE_NAME: &'static str = "microsoft.graph.user";
    const PROPERTIES: &'static [&'static str] = &[
        "id",
        "displayName",
        "givenName",
        "surname",
        "mail",
        "userPrincipalName",
        "jobTitle",
        "officeLocation",
        "businessPhones",
        "accountEnabled",
        "employeeHireCount",
        "quota",
    ];
    fn read_property<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<runtime::Read, A::Error> {
        match index {
            0 => runtime::read(map, &mut self.id),
            1 => runtime::read(map, &mut self.display_name),
            2 => runtime::read(map, &mut self.given_name),
            3 => runtime::read(map, &mut self.surname),
            4 => runtime::read(map, &mut self.mail),
            5 => runtime::read(map, &mut self.user_principal_name),
            6 => runtime::read(map, &mut self.job_title),
            7 => runtime::read(map, &mut self.office_location),
            8 => runtime::read(map, &mut self.business_phones),
            9 => runtime::read(map, &mut self.account_enabled),
            10 => runtime::read(map, &mut self.employee_hire_count),
            11 => runtime::read(map, &mut self.quota),
            _ => runtime::skip(map),
        }
    }
    fn write_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        runtime::write(map, "id", &self.id)?;
        runtime::write(map, "displayName", &self.display_name)?;
        Ok(())
    }
}
runtime::structured_serde!(User);

/// The same entity as plain serde would have it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DerivedUser {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub given_name: Option<String>,
    pub surname: Option<String>,
    pub mail: Option<String>,
    pub user_principal_name: Option<String>,
    pub job_title: Option<String>,
    pub office_location: Option<String>,
    pub business_phones: Option<Vec<String>>,
    pub account_enabled: Option<bool>,
    pub employee_hire_count: Option<i32>,
    pub quota: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct DerivedPage {
    pub value: Vec<DerivedUser>,
}

/// A page of users; `quota` as a string (`IEEE754Compatible`), or as a number, which is all
/// that plain serde can read.
fn page(users: usize, quota_as_string: bool) -> String {
    let quote = if quota_as_string { "\"" } else { "" };
    let user = |i: usize| {
        format!(
            r##"{{"@odata.type":"#microsoft.graph.user","id":"{i:08}-0000-0000-0000-000000000000","displayName":"User {i}","givenName":"Given","surname":null,"mail":"user{i}@example.com","userPrincipalName":"user{i}@example.com","jobTitle":"Engineer","officeLocation":"Building {i}","businessPhones":["+1 555 0100","+1 555 0101"],"accountEnabled":true,"employeeHireCount":{i},"quota":{quote}{quota}{quote}}}"##,
            quota = i * 1000 + 1,
        )
    };
    let users: Vec<String> = (0..users).map(user).collect();
    format!(
        r#"{{"@odata.context":"https://example/$metadata#users","value":[{}]}}"#,
        users.join(",")
    )
}

/// The fastest of a few runs.
fn best_of(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn both_read_the_same_page() {
    let ours: Collection<User> = serde_json::from_str(&page(3, true)).unwrap();
    let derived: DerivedPage = serde_json::from_str(&page(3, false)).unwrap();
    assert_eq!(ours.value.len(), derived.value.len());
    assert_eq!(ours.value[2].quota, Nullable::Value(2001));
    assert_eq!(derived.value[2].quota, Some(2001));
    assert_eq!(
        ours.value[1].mail.as_deref(),
        Nullable::Value("user1@example.com")
    );
    assert_eq!(derived.value[1].mail.as_deref(), Some("user1@example.com"));
}

#[test]
#[ignore = "timing; run in release mode"]
fn throughput_is_at_least_four_fifths_of_serde_derive() {
    let text = page(20_000, true);
    let derived_text = page(20_000, false);
    let ours = best_of(15, || {
        let page: Collection<User> = serde_json::from_str(&text).expect("reads");
        std::hint::black_box(page);
    });
    let derived = best_of(15, || {
        let page: DerivedPage = serde_json::from_str(&derived_text).expect("reads");
        std::hint::black_box(page);
    });
    let ratio = derived.as_secs_f64() / ours.as_secs_f64();
    println!("runtime {ours:?}, serde derive {derived:?}: {ratio:.2} of derive's throughput");
    assert!(ratio >= 0.8, "{ratio:.2}");
}

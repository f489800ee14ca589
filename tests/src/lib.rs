//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_owned()
}

/// `../shared/<relative>` beside the workspace, or `None` after saying loudly that the tests
/// needing it are skipped (a user's fresh clone has no `../shared`).
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = workspace().join("..").join("shared").join(relative);
    if path.exists() {
        Some(path)
    } else {
        skipped(&format!(
            "{} not found; this test needs the project's shared data beside the checkout",
            path.display()
        ));
        None
    }
}

/// One seed page (`../shared/seeds/`): the path of its example request line, the request body
/// and the response body.
pub struct Seed {
    /// The path after `https://graph.microsoft.com/beta`, placeholders such as
    /// `{deviceConfigurationId}` as written.
    pub path: String,
    /// The example request's JSON body.
    pub request: serde_json::Value,
    /// The example response's JSON body.
    pub response: serde_json::Value,
}

/// The seed page whose file name starts with `name_prefix` (e.g. `001_`): its first example
/// request (`POST https://graph.microsoft.com/beta/…`), the JSON body that follows it, and the
/// response's. `None` (after saying so) where `../shared` is absent.
pub fn seed(name_prefix: &str) -> Option<Seed> {
    let dir = shared("seeds")?;
    let file = std::fs::read_dir(&dir)
        .expect("seeds directory")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(name_prefix))
        })
        .expect("seed file");
    let text = std::fs::read_to_string(file).expect("seed text");
    let request_line = text
        .lines()
        .find(|l| l.starts_with("POST https://graph.microsoft.com/"))
        .expect("example request line");
    let path = request_line
        .trim_start_matches("POST https://graph.microsoft.com/beta")
        .trim()
        .to_owned();
    let after_request = &text[text.find(request_line).expect("line")..];
    let request = first_json(after_request);
    let after_response = &after_request[after_request.find("HTTP/1.1 20").expect("response")..];
    let response = first_json(after_response);
    Some(Seed {
        path,
        request,
        response,
    })
}

/// The first JSON object in `text` (the body of a code block).
fn first_json(text: &str) -> serde_json::Value {
    let start = text.find("\n{").expect("a JSON body") + 1;
    let mut stream =
        serde_json::Deserializer::from_str(&text[start..]).into_iter::<serde_json::Value>();
    stream.next().expect("one value").expect("valid JSON")
}

/// A fresh, empty scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = workspace()
        .join("target")
        .join("test-scratch")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Users' own types that goldens map schema types to (`tests/golden/*.args`, `--map-type`).
pub mod mapped {
    use serde::{Deserialize, Serialize};

    /// A hand-written model of `Fleet.Tracking.GpsFix` (`tests/golden/typerefs.args`): what a
    /// user brings, with plain serde derives.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct GpsFix {
        #[serde(
            rename = "@odata.type",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub odata_type: Option<String>,
        #[serde(rename = "takenAt", default, skip_serializing_if = "Option::is_none")]
        pub taken_at: Option<String>,
        pub latitude: f64,
        pub longitude: f64,
    }
}

/// The golden outputs of `tests/golden/*.csdl.xml`, compiled here so that a golden file that
/// does not build (or warns) fails the workspace build. See `generator/tests/golden.rs`. Each
/// one's runtime module is the single copy in `tests/golden/runtime.rs`.
pub mod golden {
    include!("../golden/runtime.rs");
    /// `tests/golden/naming.csdl.xml`.
    pub mod naming {
        pub use super::runtime;
        include!("../golden/naming.rs");
    }
    /// `tests/golden/injection.csdl.xml`.
    pub mod injection {
        pub use super::runtime;
        include!("../golden/injection.rs");
    }
    /// `tests/golden/polymorphism.csdl.xml`.
    pub mod polymorphism {
        pub use super::runtime;
        include!("../golden/polymorphism.rs");
    }
    /// `tests/golden/constructs.csdl.xml` and the files it references.
    pub mod constructs {
        pub use super::runtime;
        include!("../golden/constructs.rs");
    }
    /// `tests/golden/deviations.csdl.xml`: metadata breaking CSDL's rules, generated leniently.
    ///
    /// A keyless entity set is a collection without `by_id` (its key type has no values):
    ///
    /// ```compile_fail,E0277
    /// use odata_codegen_tests::golden::deviations::paths::FieldService;
    /// let _ = FieldService::new().readings().by_id("meter-1");
    /// ```
    ///
    /// while a keyed one has it:
    ///
    /// ```
    /// use odata_codegen_tests::golden::deviations::paths::FieldService;
    /// let _ = FieldService::new().visits().by_id(7);
    /// ```
    pub mod deviations {
        pub use super::runtime;
        include!("../golden/deviations.rs");
    }
    /// `tests/golden/requests.csdl.xml`: media entities, streams, references, keys, aliases.
    pub mod requests {
        pub use super::runtime;
        include!("../golden/requests.rs");
    }
    /// `tests/golden/lenient-names.csdl.xml`.
    pub mod lenient_names {
        pub use super::runtime;
        include!("../golden/lenient-names.rs");
    }
    /// `tests/golden/slice.csdl.xml` sliced by `tests/golden/slice.args`.
    pub mod slice {
        pub use super::runtime;
        include!("../golden/slice.rs");
    }
    /// `tests/golden/no-container.csdl.xml`: a schema without an entity container.
    pub mod no_container {
        pub use super::runtime;
        include!("../golden/no-container.rs");
    }
    /// `tests/golden/typerefs.csdl.xml` with the types `tests/golden/typerefs.args` maps.
    pub mod typerefs {
        pub use super::runtime;
        include!("../golden/typerefs.rs");
    }
    /// `tests/golden/payloads.csdl.xml`: every primitive type as a property and as a key.
    pub mod payloads {
        pub use super::runtime;
        include!("../golden/payloads.rs");
    }
    /// `tests/golden/query.csdl.xml`: typed query options (`tests/tests/query.rs`).
    ///
    /// `select` and `order_by` take the property constants of the type a request answers:
    ///
    /// ```
    /// use odata_codegen_tests::golden::query::{models::Order, paths::Shop};
    /// let request = Shop::new().orders().list().select((Order::ID, Order::CODE)).order_by(Order::PLACED.desc());
    /// assert_eq!(request.url("r"), "r/orders?$select=id,code&$orderby=placed%20desc");
    /// ```
    ///
    /// A property that does not exist is a compile error, in `select`:
    ///
    /// ```compile_fail,E0599
    /// use odata_codegen_tests::golden::query::{models::Order, paths::Shop};
    /// let _ = Shop::new().orders().list().select((Order::ID, Order::COLOUR));
    /// ```
    ///
    /// and in `order_by`:
    ///
    /// ```compile_fail,E0599
    /// use odata_codegen_tests::golden::query::{models::Order, paths::Shop};
    /// let _ = Shop::new().orders().list().order_by(Order::PLACE.desc());
    /// ```
    ///
    /// So is a property of another type (`OrderLine::PRODUCT` on a query of orders):
    ///
    /// ```compile_fail,E0271
    /// use odata_codegen_tests::golden::query::{models::{Order, OrderLine}, paths::Shop};
    /// let _ = Shop::new().orders().list().select((Order::ID, OrderLine::PRODUCT));
    /// ```
    ///
    /// ```compile_fail,E0271
    /// use odata_codegen_tests::golden::query::{models::OrderLine, paths::Shop};
    /// let _ = Shop::new().orders().list().order_by(OrderLine::PRODUCT);
    /// ```
    ///
    /// a structural property where `expand` wants a navigation property:
    ///
    /// ```compile_fail,E0277
    /// use odata_codegen_tests::golden::query::{models::Order, paths::Shop};
    /// let _ = Shop::new().orders().list().expand(Order::SHIP_TO);
    /// ```
    ///
    /// and a comparison with a value of another type:
    ///
    /// ```compile_fail,E0277
    /// use odata_codegen_tests::golden::query::{models::Order, paths::Shop};
    /// let _ = Shop::new().orders().list().filter(Order::PRIORITY.gt("high"));
    /// ```
    pub mod query {
        pub use super::runtime;
        include!("../golden/query.rs");
    }
}

/// Says loudly that a test was skipped. Written to the process's stderr directly: the test
/// harness captures `eprintln!` and shows it only for failing tests, and a skip must be seen.
pub fn skipped(reason: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED: {reason}");
}

//! Per-area Cargo features of the generated crate (issue 14): which elements each area needs,
//! how features are named and grouped, and that the crate generated from `metadata/` compiles
//! with every feature alone, with none and with the default, and keeps the JSON of navigation
//! properties that a feature leaves out.
//!
//! The compiled crates live in a scratch workspace under `target/features-check`, whose target
//! directory all the checks share, so the dependencies build once.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::workspace;
use odata_codegen::emit::features::{feature_names, Features, Gate};
use odata_codegen::emit::{Plan, Selection};
use odata_codegen::select::areas::{areas, Area, Within};
use odata_codegen::{Config, Loaded};

/// Three roots: `fooBar` and `foo_bar` want one feature name, `full` a name Cargo gives a
/// meaning; `shared` is needed by two areas, `circle` only through a property declared as its
/// base type `shape`, `lonely` by none.
const THREE_ROOTS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="t" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="shared"><Property Name="x" Type="Edm.String" /></ComplexType>
      <ComplexType Name="shape"><Property Name="name" Type="Edm.String" /></ComplexType>
      <ComplexType Name="circle" BaseType="t.shape"><Property Name="radius" Type="Edm.Double" /></ComplexType>
      <ComplexType Name="lonely"><Property Name="y" Type="Edm.String" /></ComplexType>
      <EntityType Name="a">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
        <Property Name="s" Type="t.shared" />
        <Property Name="shape" Type="t.shape" />
        <NavigationProperty Name="b" Type="t.b" />
      </EntityType>
      <EntityType Name="b">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
        <Property Name="s" Type="t.shared" />
      </EntityType>
      <EntityType Name="c">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <Action Name="reset" IsBound="true"><Parameter Name="bindingParameter" Type="t.c" /></Action>
      <EntityContainer Name="svc">
        <EntitySet Name="fooBar" EntityType="t.a" />
        <EntitySet Name="foo_bar" EntityType="t.b" />
        <Singleton Name="full" Type="t.c" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

fn load_text(name: &str, csdl: &str) -> (Config, Loaded) {
    let dir = workspace()
        .join("target/test-scratch")
        .join(format!("features-{name}-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join("service.csdl.xml");
    fs::write(&path, csdl).expect("written");
    load(&path)
}

fn load(path: &Path) -> (Config, Loaded) {
    let mut config = Config::new();
    config.input(path);
    let loaded = config.load().expect("the metadata loads");
    (config, loaded)
}

fn all_areas(loaded: &Loaded) -> Vec<Area> {
    areas(
        &loaded.model,
        &Within {
            ty: &|_| true,
            op: &|_| true,
            external: &|_| false,
            root: &|_| true,
        },
    )
}

fn type_id(loaded: &Loaded, name: &str) -> odata_codegen::model::TypeId {
    loaded
        .model
        .type_by_name(name)
        .unwrap_or_else(|| panic!("{name} is defined"))
}

/// Each area holds exactly what `--include /root` selects.
fn assert_areas_are_the_slices(config: &Config, loaded: &Loaded) {
    let found = all_areas(loaded);
    assert!(!found.is_empty());
    for area in found {
        let mut slicing = config.clone();
        slicing.include(format!("/{}", area.root));
        let slice = slicing.slice(loaded).expect("the root slices");
        let types: BTreeSet<_> = area.types.iter().copied().collect();
        let operations: BTreeSet<_> = area.operations.iter().copied().collect();
        let name = |t: &odata_codegen::model::TypeId| loaded.model.ty(*t).qualified_name();
        assert_eq!(
            types.iter().map(name).collect::<Vec<_>>(),
            slice.types.iter().map(name).collect::<Vec<_>>(),
            "types of /{}",
            area.root
        );
        assert_eq!(operations, slice.operations, "operations of /{}", area.root);
    }
}

#[test]
fn areas_of_three_roots_are_their_slices() {
    let (config, loaded) = load_text("slices", THREE_ROOTS);
    assert_areas_are_the_slices(&config, &loaded);
}

#[test]
fn areas_of_the_assignment_metadata_are_their_slices() {
    let (config, loaded) = load(&workspace().join("metadata/assignments.csdl.xml"));
    assert_areas_are_the_slices(&config, &loaded);
}

/// The same on Microsoft Graph (72 roots; a minute in a debug build):
/// `cargo test -p odata-codegen --test features -- --ignored`.
#[test]
#[ignore]
fn areas_of_graph_are_their_slices() {
    let graph = workspace().join("../../shared/corpus/graph-v1.0.csdl.xml");
    let graph = if graph.exists() {
        graph
    } else {
        PathBuf::from("/work/shared/corpus/graph-v1.0.csdl.xml")
    };
    let (config, loaded) = load(&graph);
    assert_areas_are_the_slices(&config, &loaded);
}

/// The names of the types a slice of the three roots holds, sorted.
fn slice_types(loaded: &Loaded, includes: &[&str], excludes: &[&str]) -> Vec<String> {
    let mut config = Config::new();
    for pattern in includes {
        config.include(*pattern);
    }
    for pattern in excludes {
        config.exclude(*pattern);
    }
    let slice = config.slice(loaded).expect("the patterns slice");
    let mut names: Vec<String> = slice
        .types
        .iter()
        .map(|t| loaded.model.ty(*t).qualified_name())
        .collect();
    names.sort();
    names
}

/// Without `--include`, an `--exclude` URL prefix leaves out what only the URLs below it need,
/// and its root (no feature, no root method); what no URL needs stays, as everything does
/// without `--include`.
#[test]
fn excluded_urls_narrow_the_areas_and_the_crate() {
    let (config, loaded) = load_text("exclude-urls", THREE_ROOTS);
    let everything = slice_types(&loaded, &[], &[]);
    assert_eq!(everything.len(), 7, "{everything:?}");
    // `/full` is all `c` and `reset` are needed for.
    let without_full = slice_types(&loaded, &[], &["/full"]);
    let expected: Vec<&str> = vec!["t.a", "t.b", "t.circle", "t.lonely", "t.shape", "t.shared"];
    assert_eq!(without_full, expected);
    // `b` is also the root type of `/foo_bar`: leaving out `/fooBar/{id}/b` keeps it.
    assert_eq!(slice_types(&loaded, &[], &["/fooBar/b"]), everything);
    // Below an included prefix, as before.
    assert_eq!(
        slice_types(&loaded, &["/fooBar"], &["/fooBar/b"]),
        ["t.a", "t.circle", "t.shape", "t.shared"]
    );

    let mut excluding = config.clone();
    excluding.exclude("/full");
    let slice = excluding.slice(&loaded).expect("slices");
    assert_eq!(slice.excluded_roots.iter().collect::<Vec<_>>(), ["full"]);
    assert!(slice.operations.is_empty(), "`reset` is bound to `c`");
    let why = |name: &str| {
        let element = odata_codegen::select::Element::Type(type_id(&loaded, name));
        odata_codegen::select::chain(&loaded.model, &slice.whys, element).join("; ")
    };
    assert_eq!(
        why("t.lonely"),
        "t.lonely: needed by no URL (without --include, what no --exclude drops is kept)"
    );
    assert_eq!(why("t.b"), "t.b: at /foo_bar, which no --exclude drops");

    let selection = excluding.selection(&loaded).expect("selects");
    let plan = Plan::new(&loaded.model, selection).with_features();
    let features = plan.features.as_ref().expect("two roots are left");
    let names: Vec<&str> = features.features.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["foo-bar", "foo-bar-2"]);
    let roots = odata_codegen::emit::paths::root_methods(&plan, &loaded.model.containers[0]);
    let methods: Vec<&str> = roots.iter().map(|(_, name)| name.as_str()).collect();
    assert_eq!(methods, ["foo_bar_2", "foo_bar"]);

    // A URL prefix that no URL starts with is an error, as a name that matches nothing is.
    let mut typo = config.clone();
    typo.exclude("/fool");
    let error = typo.slice(&loaded).expect_err("no URL starts with /fool");
    assert_eq!(
        error.to_string(),
        "--exclude /fool matches no URL (`odata-codegen routes` lists them)"
    );
}

#[test]
fn feature_names_are_kebab_case_and_unique() {
    let (_, loaded) = load_text("names", THREE_ROOTS);
    let found = all_areas(&loaded);
    let roots: Vec<&str> = found.iter().map(|a| a.root.as_str()).collect();
    assert_eq!(roots, ["fooBar", "foo_bar", "full"]);
    assert_eq!(feature_names(&found), ["foo-bar", "foo-bar-2", "full-2"]);
}

#[test]
fn gates_follow_the_areas_that_need_each_type() {
    let (_, loaded) = load_text("gates", THREE_ROOTS);
    let plan = Plan::new(&loaded.model, Selection::everything(&loaded.model)).with_features();
    let features = plan.features.as_ref().expect("the service has roots");
    let names: Vec<&str> = features.features.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["foo-bar", "foo-bar-2", "full-2"]);
    let gate = |name: &str| features.type_gate(type_id(&loaded, name));
    // Two areas of three.
    let Gate::Set(set) = gate("t.shared") else {
        panic!("`shared` has a set of features: {:?}", gate("t.shared"));
    };
    assert_eq!(features.sets[set], [0, 1]);
    // Derived from the type of a property of `a`: only `/fooBar` needs it.
    assert_eq!(gate("t.circle"), Gate::Feature(0));
    assert_eq!(gate("t.shape"), Gate::Feature(0));
    // The target of `a`'s navigation, and the root type of `/foo_bar`.
    assert_eq!(
        gate("t.b"),
        features.type_gate(type_id(&loaded, "t.shared"))
    );
    assert_eq!(gate("t.c"), Gate::Feature(2));
    assert_eq!(gate("t.lonely"), Gate::Full);
    let reset = loaded.model.operation_ids().next().expect("one action");
    assert_eq!(features.operation_gate(reset), Gate::Feature(2));
    // The manifest and the build script say the same.
    let manifest = features.manifest_section();
    assert!(manifest.contains("default = [\"full\"]"), "{manifest}");
    assert!(
        manifest.contains("# /full: 1 type, 1 operation\nfull-2 = []"),
        "{manifest}"
    );
    let script = features.build_script("").expect("one set");
    let cfg = &features.set_cfgs[set];
    assert!(
        script.contains(&format!("(\"{cfg}\", &[\"FOO_BAR\", \"FOO_BAR_2\"])")),
        "{script}"
    );
    // Named after the set's features, not its position: another set before it leaves the
    // name as it is.
    assert!(
        cfg.starts_with("areas_") && cfg.len() == "areas_".len() + 8,
        "{cfg}"
    );
    let shifted = Features::from_areas(
        &loaded.model,
        vec![
            Area {
                root: "aardvarks".to_owned(),
                pos: features.areas[0].pos.clone(),
                types: vec![type_id(&loaded, "t.lonely")],
                operations: vec![],
            },
            Area {
                root: "aardwolves".to_owned(),
                pos: features.areas[0].pos.clone(),
                types: vec![type_id(&loaded, "t.lonely")],
                operations: vec![],
            },
        ]
        .into_iter()
        .chain(features.areas.iter().cloned())
        .collect(),
        298,
    );
    assert_eq!(shifted.sets.len(), 2, "{:?}", shifted.sets);
    let Gate::Set(moved) = shifted.type_gate(type_id(&loaded, "t.shared")) else {
        panic!("`shared` still has a set of features");
    };
    assert_eq!(moved, 1, "the new set sorts first");
    assert_eq!(&shifted.set_cfgs[moved], cfg);
}

#[test]
fn areas_beyond_the_limit_share_features_with_a_warning() {
    let (_, loaded) = load_text("groups", THREE_ROOTS);
    let features = Features::from_areas(&loaded.model, all_areas(&loaded), 2);
    let names: Vec<&str> = features.features.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["foo-bar", "foo-bar-2-to-full-2"]);
    assert_eq!(features.features[1].areas, [1, 2]);
    assert_eq!(features.warnings.len(), 1);
    let warning = features.warnings[0].to_string();
    assert!(
        warning.contains("service.csdl.xml:")
            && warning.contains("feature `foo-bar-2-to-full-2` turns on /foo_bar, /full"),
        "{warning}"
    );
    // `c` was one area's; it is now the group's.
    assert_eq!(
        features.type_gate(type_id(&loaded, "t.c")),
        Gate::Feature(1)
    );
    assert!(features
        .doc_lines()
        .iter()
        .any(|l| l.contains("`/foo_bar`, `/full`")));
}

/// A scratch workspace holding the crate generated from `metadata/`, with the repository's
/// lock file.
fn generated_crate() -> PathBuf {
    let root = workspace().join("target/features-check");
    let dir = root.join("crate");
    fs::create_dir_all(&root).expect("scratch folder");
    fs::write(
        root.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"crate\"]\n",
    )
    .expect("written");
    let _ = fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock"));
    let mut config = Config::new();
    config
        .input(workspace().join("metadata/assignments.csdl.xml"))
        .out_dir(&dir)
        .crate_name("features-check");
    config.generate().expect("generated");
    dir
}

fn cargo(dir: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .arg("--quiet")
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace().join("target/features-check/target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_MAKEFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_crate_compiles_with_each_feature_alone_with_none_and_with_all() {
    let dir = generated_crate();
    let (_, loaded) = load(&workspace().join("metadata/assignments.csdl.xml"));
    let names = feature_names(&all_areas(&loaded));
    assert_eq!(names.len(), 6);
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).expect("manifest");
    for name in &names {
        assert!(manifest.contains(&format!("\n{name} = []\n")), "{manifest}");
        cargo(
            &dir,
            &["check", "--no-default-features", "--features", name],
        );
    }
    cargo(&dir, &["check", "--no-default-features"]);
    cargo(&dir, &["check"]);

    // `invitations` needs `user` (a user is invited) but not its managed devices or photo:
    // their JSON is kept as sent.
    fs::create_dir_all(dir.join("tests")).expect("tests folder");
    fs::write(
        dir.join("tests/kept.rs"),
        r##"
use features_check::models::User;

const JSON: &str = r#"{"id":"u1","displayName":"Ada","managedDevices":[{"id":"d1","deviceName":"phone"}],"photo":{"id":"p1","height":64}}"#;

#[test]
fn navigation_left_out_round_trips() {
    let user: User = serde_json::from_str(JSON).unwrap();
    assert_eq!(
        user.additional_properties.raw("managedDevices"),
        Some(r#"[{"id":"d1","deviceName":"phone"}]"#)
    );
    assert_eq!(user.additional_properties.raw("photo"), Some(r#"{"id":"p1","height":64}"#));
    assert_eq!(serde_json::to_string(&user).unwrap(), JSON);
}
"##,
    )
    .expect("written");
    cargo(
        &dir,
        &[
            "test",
            "--no-default-features",
            "--features",
            "invitations",
            "--test",
            "kept",
        ],
    );
}

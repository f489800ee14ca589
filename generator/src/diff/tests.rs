//! The classification of every kind of change, on small pairs of documents written here.

use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::csdl::{parse_document, Loaded, LoadedFile};
use crate::diagnostics::Diagnostics;
use crate::emit::Selection;
use crate::model::Model;

/// One schema `ns` holding `body`, in a document of its own.
fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices>
<Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{body}
</Schema>
</edmx:DataServices>
</edmx:Edmx>"#
    )
}

fn model(file: &str, body: &str) -> Model {
    let mut diags = Diagnostics::new();
    let document = parse_document(Arc::from(file), document(body).as_bytes(), &mut diags)
        .expect("the test document parses");
    let loaded = Loaded {
        files: vec![LoadedFile {
            path: PathBuf::from(file),
            document,
        }],
        unresolved: Vec::new(),
    };
    let model = crate::model::build(&loaded, &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.into_vec());
    model
}

fn report(old: &str, new: &str) -> Report {
    let (old, new) = (model("old.xml", old), model("new.xml", new));
    let old_plan = Plan::new(&old, Selection::everything(&old));
    let new_plan = Plan::new(&new, Selection::everything(&new));
    compare_plans(&old_plan, &new_plan)
}

/// Each change as `impact kind element what`, in report order.
fn changes(old: &str, new: &str) -> Vec<String> {
    report(old, new).changes.iter().map(short).collect()
}

fn short(change: &Change) -> String {
    let what = match change.what {
        What::Added => "added",
        What::Removed => "removed",
        What::Changed(aspect) => aspect.name(),
    };
    format!(
        "{} {} {} {what}",
        change.impact.name(),
        change.kind.name(),
        change.element
    )
}

/// An entity type with a string key `id` and more members.
fn entity(name: &str, members: &str) -> String {
    format!(
        r#"<EntityType Name="{name}"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/>{members}</EntityType>"#
    )
}

const CONTAINER: &str = r#"<EntityContainer Name="Service"><EntitySet Name="items" EntityType="ns.item"/></EntityContainer>"#;

#[test]
fn identical_documents_change_nothing() {
    let body = format!("{}{CONTAINER}", entity("item", ""));
    let report = report(&body, &body);
    assert_eq!(report, Report::default());
    assert_eq!(report.bump(), Bump::None);
    assert_eq!(
        render::summary(&report, None),
        "0 breaking, 0 additive changes: semver bump none"
    );
}

#[test]
fn types_added_and_removed_carry_their_members() {
    let old = format!(
        "{}{}",
        entity("item", ""),
        entity("gone", r#"<Property Name="a" Type="Edm.Int32"/>"#)
    );
    let new = format!(
        "{}{}",
        entity("item", ""),
        r#"<ComplexType Name="fresh"><Property Name="b" Type="Edm.Int32"/></ComplexType>"#
    );
    assert_eq!(
        changes(&old, &new),
        [
            "breaking type ns.gone removed",
            "additive type ns.fresh added"
        ]
    );
}

#[test]
fn properties_added_removed_and_retyped() {
    let old = entity(
        "item",
        r#"<Property Name="age" Type="Edm.Int32"/><Property Name="tags" Type="Edm.String"/><Property Name="name" Type="Edm.String"/><Property Name="old" Type="Edm.String"/><Property Name="size" Type="Edm.Int32" DefaultValue="1"/>"#,
    );
    let new = entity(
        "item",
        r#"<Property Name="age" Type="Edm.Int64"/><Property Name="tags" Type="Collection(Edm.String)"/><Property Name="name" Type="Edm.String" Nullable="false"/><Property Name="required" Type="Edm.String" Nullable="false"/><Property Name="size" Type="Edm.Int32" DefaultValue="2"/>"#,
    );
    assert_eq!(
        changes(&old, &new),
        [
            "breaking property ns.item/age type",
            "breaking property ns.item/name type",
            "breaking property ns.item/old removed",
            "breaking property ns.item/tags type",
            // Every field is optional in the struct: a required property is one more setter.
            "additive property ns.item/required added",
            "internal property ns.item/size default value",
        ]
    );
    let report = report(&old, &new);
    let age = &report.changes[0];
    assert_eq!(
        age.values,
        Some(("Edm.Int32 (nullable)".into(), "Edm.Int64 (nullable)".into()))
    );
    assert_eq!(
        age.rust,
        Some((
            "runtime::Nullable<i32>".into(),
            "runtime::Nullable<runtime::Int64>".into()
        ))
    );
    assert_eq!(
        age.old.as_ref().map(ToString::to_string).as_deref(),
        Some("old.xml:5:116")
    );
    assert_eq!(
        age.new.as_ref().map(ToString::to_string).as_deref(),
        Some("new.xml:5:116")
    );
}

#[test]
fn inherited_fields_change_once_where_declared() {
    let old = format!(
        "{}{}",
        entity("base", r#"<Property Name="moved" Type="Edm.String"/>"#),
        r#"<EntityType Name="derived" BaseType="ns.base"/><EntityType Name="other" BaseType="ns.base"><Property Name="up" Type="Edm.String"/></EntityType>"#
    );
    let new = format!(
        "{}{}",
        entity(
            "base",
            r#"<Property Name="moved" Type="Edm.String"/><Property Name="up" Type="Edm.String"/><Property Name="fresh" Type="Edm.Int32"/>"#
        ),
        r#"<EntityType Name="derived" BaseType="ns.base"/><EntityType Name="other" BaseType="ns.base"/>"#
    );
    // `up` moved from `other` to `base`: `other` keeps its field; `derived` gains it with base.
    assert_eq!(
        changes(&old, &new),
        [
            "additive property ns.base/fresh added",
            "additive property ns.base/up added",
        ]
    );
}

#[test]
fn base_type_abstract_and_open_type() {
    let old = format!(
        "{}{}",
        entity("a", ""),
        r#"<EntityType Name="b" BaseType="ns.a"/><ComplexType Name="c"/><ComplexType Name="d"><Property Name="x" Type="Edm.String"/></ComplexType>"#
    );
    let new = format!(
        "{}{}{}",
        entity("a", ""),
        entity("b", ""),
        r#"<ComplexType Name="c" Abstract="true"/><ComplexType Name="d" OpenType="true"><Property Name="x" Type="Edm.String"/></ComplexType>"#
    );
    assert_eq!(
        changes(&old, &new),
        [
            // Without derived types, values of `a` are `A` again, not `AnyA`.
            "breaking type ns.a polymorphic enum",
            // `b` declares the key it inherited: its URLs take the same.
            "breaking type ns.b base type",
            "internal type ns.c abstract",
            "internal type ns.d open type",
        ]
    );
}

#[test]
fn a_first_derived_type_makes_values_polymorphic() {
    let old = format!(
        "{}{}",
        entity("item", r#"<Property Name="shape" Type="ns.shape"/>"#),
        r#"<ComplexType Name="shape"><Property Name="x" Type="Edm.Int32"/></ComplexType>"#
    );
    let new = format!(
        "{}{}",
        entity("item", r#"<Property Name="shape" Type="ns.shape"/>"#),
        r#"<ComplexType Name="shape"><Property Name="x" Type="Edm.Int32"/></ComplexType><ComplexType Name="circle" BaseType="ns.shape"/>"#
    );
    // The field's type becomes the `Any…` enum: breaking for code that reads it.
    assert_eq!(
        changes(&old, &new),
        [
            "breaking property ns.item/shape type",
            "additive type ns.circle added",
            "additive type ns.shape polymorphic enum",
        ]
    );
    // A second derived type only adds a variant to the (non-exhaustive) enum.
    let newer = new.replace(
        "</ComplexType><ComplexType Name=\"circle\"",
        "</ComplexType><ComplexType Name=\"square\" BaseType=\"ns.shape\"/><ComplexType Name=\"circle\"",
    );
    assert_eq!(changes(&new, &newer), ["additive type ns.square added"]);
}

#[test]
fn enum_members_values_and_flags() {
    let old = r#"<EnumType Name="color"><Member Name="red" Value="0"/><Member Name="green" Value="1"/></EnumType><EnumType Name="perm" IsFlags="true"><Member Name="read" Value="1"/></EnumType><EnumType Name="mode"><Member Name="on" Value="0"/></EnumType>"#;
    let new = r#"<EnumType Name="color"><Member Name="red" Value="5"/><Member Name="blue" Value="2"/></EnumType><EnumType Name="perm"><Member Name="read" Value="1"/></EnumType><EnumType Name="mode"><Member Name="on" Value="0"/><Member Name="Other" Value="1"/></EnumType>"#;
    assert_eq!(
        changes(old, new),
        [
            "breaking member ns.color/green removed",
            // A member called `Other` takes the name of the variant for unknown members.
            "breaking type ns.mode unknown-member variant",
            "breaking type ns.perm flags",
            "additive member ns.color/blue added",
            "additive member ns.mode/Other added",
            // Members travel by name; their values do not show in the API.
            "internal member ns.color/red value",
        ]
    );
}

#[test]
fn keys() {
    let old = format!("{}{CONTAINER}", entity("item", ""));
    let new = format!(
        r#"<EntityType Name="item"><Key><PropertyRef Name="id"/><PropertyRef Name="n"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/><Property Name="n" Type="Edm.Int32" Nullable="false"/></EntityType>{CONTAINER}"#
    );
    let report = report(&old, &new);
    let short: Vec<String> = report.changes.iter().map(short).collect();
    assert_eq!(
        short,
        [
            "breaking type ns.item key",
            "additive property ns.item/n added"
        ]
    );
    assert_eq!(
        report.changes[0].rust,
        Some(("String".into(), "id: String, n: i32 as ItemKey".into()))
    );
    let retyped = old.replace(
        r#"Name="id" Type="Edm.String""#,
        r#"Name="id" Type="Edm.Guid""#,
    );
    assert_eq!(
        changes(&old, &retyped),
        [
            "breaking type ns.item key",
            "breaking property ns.item/id type",
        ]
    );
    // Another name for a single key part changes no Rust type.
    let renamed = old.replace("\"id\"", "\"code\"");
    assert_eq!(
        changes(&old, &renamed),
        [
            "breaking property ns.item/id removed",
            "additive property ns.item/code added",
            "internal type ns.item key",
        ]
    );
}

#[test]
fn navigation_target_collection_and_containment() {
    let part = entity("part", "");
    let other = entity("other", "");
    let old = format!(
        "{}{part}{other}{CONTAINER}",
        entity(
            "item",
            r#"<NavigationProperty Name="parts" Type="Collection(ns.part)" ContainsTarget="true"/><NavigationProperty Name="owner" Type="ns.part"/><NavigationProperty Name="next" Type="ns.part"/>"#
        )
    );
    let new = format!(
        "{}{part}{other}{CONTAINER}",
        entity(
            "item",
            r#"<NavigationProperty Name="parts" Type="Collection(ns.part)"/><NavigationProperty Name="owner" Type="ns.other"/><NavigationProperty Name="next" Type="Collection(ns.part)"/><NavigationProperty Name="more" Type="ns.other"/>"#
        )
    );
    let report = report(&old, &new);
    assert_eq!(
        report.changes.iter().map(short).collect::<Vec<_>>(),
        [
            "breaking navigation ns.item/next type",
            "breaking navigation ns.item/owner type",
            "additive navigation ns.item/more added",
            "internal navigation ns.item/parts containment",
        ]
    );
    // The URLs say what containment changes: no more POST to the collection.
    let parts = report
        .urls
        .iter()
        .find(|u| u.element == "ns.item/parts")
        .expect("the containment change shows in the URLs");
    assert_eq!(parts.path(), "/items/{itemId}/parts");
    assert_eq!(parts.impact(), Impact::Breaking);
    let more = report.urls.iter().find(|u| u.element == "ns.item/more");
    assert_eq!(more.map(UrlChange::impact), Some(Impact::Additive));
}

#[test]
fn function_overloads_and_their_method_names() {
    let f = |params: &str| {
        format!(
            r#"<Function Name="count" IsBound="true"><Parameter Name="b" Type="Collection(ns.item)"/>{params}<ReturnType Type="Edm.Int32"/></Function>"#
        )
    };
    let old = format!(
        "{}{}{}",
        entity("item", ""),
        f(r#"<Parameter Name="x" Type="Edm.String"/>"#),
        f(r#"<Parameter Name="x" Type="Edm.String"/><Parameter Name="y" Type="Edm.String"/>"#)
    );
    // An overload with fewer parameters takes the plain method name from `count(x)`; the
    // parameter of `count(x, y)` changes type.
    let new = format!(
        "{}{}{}{}",
        entity("item", ""),
        f(""),
        f(r#"<Parameter Name="x" Type="Edm.String"/>"#),
        f(r#"<Parameter Name="x" Type="Edm.String"/><Parameter Name="y" Type="Edm.Int32"/>"#)
    );
    let report = report(&old, &new);
    assert_eq!(
        report.changes.iter().map(short).collect::<Vec<_>>(),
        [
            "breaking operation ns.count(Collection(ns.item); x) method",
            "breaking operation ns.count(Collection(ns.item); x, y) parameters",
            "additive operation ns.count(Collection(ns.item)) added",
        ]
    );
    assert_eq!(
        report.changes[0].values,
        Some(("count".into(), "count_with_x".into()))
    );
}

#[test]
fn actions_parameters_and_return_types() {
    let action = |name: &str, params: &str, ret: &str| {
        format!(
            r#"<Action Name="{name}" IsBound="true"><Parameter Name="b" Type="ns.item"/>{params}{ret}</Action>"#
        )
    };
    let old = format!(
        "{}{}{}{}{}",
        entity("item", ""),
        action(
            "assign",
            r#"<Parameter Name="to" Type="Edm.String"/><Parameter Name="gone" Type="Edm.String"/>"#,
            ""
        ),
        action("ping", "", ""),
        action("get", "", r#"<ReturnType Type="Edm.Int32"/>"#),
        action("check", "", r#"<ReturnType Type="Edm.Int32"/>"#),
    );
    let new = format!(
        "{}{}{}{}{}",
        entity("item", ""),
        action(
            "assign",
            r#"<Parameter Name="to" Type="Edm.String"/><Parameter Name="note" Type="Edm.String" Nullable="false"/>"#,
            ""
        ),
        action("ping", r#"<Parameter Name="loud" Type="Edm.Boolean"/>"#, ""),
        action("get", "", r#"<ReturnType Type="Edm.Int64"/>"#),
        action(
            "check",
            "",
            r#"<ReturnType Type="Edm.Int32" Nullable="false"/>"#
        ),
    );
    assert_eq!(
        changes(&old, &new),
        [
            "breaking parameter ns.assign(ns.item)/gone removed",
            "breaking operation ns.get(ns.item) return type",
            // `ping()` took no body; `ping(body)` does.
            "breaking operation ns.ping(ns.item) request body",
            "additive parameter ns.assign(ns.item)/note added",
            "additive parameter ns.ping(ns.item)/loud added",
            // Responses are read the same whatever their nullability.
            "internal operation ns.check(ns.item) return type",
        ]
    );
}

#[test]
fn containers_sets_singletons_and_imports() {
    let types = format!("{}{}", entity("item", ""), entity("part", ""));
    let old = format!(
        r#"{types}<Function Name="now"><ReturnType Type="Edm.DateTimeOffset"/></Function><EntityContainer Name="Service"><EntitySet Name="items" EntityType="ns.item"/><EntitySet Name="things" EntityType="ns.item"/><Singleton Name="me" EntityType="ns.item"/></EntityContainer>"#
    );
    let new = format!(
        r#"{types}<Function Name="now"><ReturnType Type="Edm.DateTimeOffset"/></Function><EntityContainer Name="Service"><EntitySet Name="items" EntityType="ns.item"/><EntitySet Name="things" EntityType="ns.part"/><Singleton Name="boss" EntityType="ns.item"/><FunctionImport Name="now" Function="ns.now"/></EntityContainer>"#
    );
    assert_eq!(
        changes(&old, &new),
        [
            "breaking singleton ns.Service/me removed",
            "breaking entitySet ns.Service/things type",
            "additive singleton ns.Service/boss added",
            "additive import ns.Service/now added",
            // The function gains a method on the container's root.
            "additive operation ns.now() method",
        ]
    );
}

#[test]
fn documentation_and_deprecation() {
    let old = entity("item", r#"<Property Name="a" Type="Edm.String"/>"#);
    let described = entity(
        "item",
        r#"<Property Name="a" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Description" String="The a."/></Property>"#,
    );
    let documented = report(&old, &described);
    assert_eq!(
        documented.changes.iter().map(short).collect::<Vec<_>>(),
        ["internal property ns.item/a documentation"]
    );
    assert_eq!(documented.bump(), Bump::Patch);
    assert_eq!(
        render::summary(&documented, None),
        "0 breaking, 0 additive changes (1 without effect on the API): semver bump patch"
    );
    let deprecated = entity(
        "item",
        r#"<Property Name="a" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Revisions"><Collection><Record><PropertyValue Property="Kind" EnumMember="Org.OData.Core.V1.RevisionKind/Deprecated"/><PropertyValue Property="Description" String="use b"/></Record></Collection></Annotation></Property>"#,
    );
    // `#[deprecated]` warns, it does not break.
    let warned = report(&old, &deprecated);
    assert_eq!(
        warned.changes.iter().map(short).collect::<Vec<_>>(),
        [
            "additive property ns.item/a deprecated",
            "internal property ns.item/a documentation"
        ]
    );
    assert_eq!(warned.bump(), Bump::Minor);
}

#[test]
fn bumps_and_versions() {
    assert_eq!(Bump::of([]), Bump::None);
    assert_eq!(Bump::of([Impact::Internal, Impact::Additive]), Bump::Minor);
    assert_eq!(Bump::of([Impact::Additive, Impact::Breaking]), Bump::Major);
    let cases = [
        ("1.2.3", Bump::Major, "2.0.0"),
        ("1.2.3", Bump::Minor, "1.3.0"),
        ("1.2.3", Bump::Patch, "1.2.4"),
        ("1.2.3", Bump::None, "1.2.3"),
        ("0.3.1", Bump::Major, "0.4.0"),
        ("0.3.1", Bump::Minor, "0.3.2"),
        ("0.3.1", Bump::Patch, "0.3.2"),
        ("0.0.3", Bump::Major, "0.0.4"),
        ("0.0.3", Bump::Minor, "0.0.4"),
        ("1.0.0-beta.1+build", Bump::Minor, "1.1.0"),
    ];
    for (current, bump, next) in cases {
        assert_eq!(
            next_version(current, bump).as_deref(),
            Ok(next),
            "{current} {bump:?}"
        );
    }
    for bad in ["", "1.2", "1.2.3.4", "a.b.c", "18446744073709551615.0.0"] {
        assert!(next_version(bad, Bump::Major).is_err(), "{bad}");
    }
}

#[test]
fn output_for_people_and_tools() {
    let old = format!(
        "{}{CONTAINER}",
        entity("item", r#"<Property Name="age" Type="Edm.Int32"/>"#)
    );
    let new = format!(
        "{}{CONTAINER}",
        entity("item", r#"<Property Name="nick" Type="Edm.String"/>"#)
    );
    let report = report(&old, &new);
    let text = human(&report, Some(("0.3.1", "0.4.0")));
    let expected = [
        "Breaking (1):",
        "  - property ns.item/age: removed  old.xml:5:116",
        "Additive (1):",
        "  + property ns.item/nick: added  new.xml:5:116",
        "1 breaking, 1 additive changes: semver bump major (0.3.1 → 0.4.0)",
    ];
    assert_eq!(text.lines().collect::<Vec<_>>(), expected);
    let value: serde_json::Value =
        serde_json::from_str(&json(&report, Some(("0.3.1", "0.4.0")))).expect("valid JSON");
    assert_eq!(value["bump"], "major");
    assert_eq!(value["version"]["next"], "0.4.0");
    assert_eq!(value["summary"]["breaking"], 1);
    assert_eq!(value["summary"]["additive"], 1);
    let removed = &value["changes"][0];
    assert_eq!(removed["kind"], "property");
    assert_eq!(removed["element"], "ns.item/age");
    assert_eq!(removed["change"], "removed");
    assert_eq!(removed["breaking"], true);
    assert_eq!(removed["old"]["file"], "old.xml");
    assert_eq!(removed["old"]["line"], 5);
    assert!(removed["new"].is_null());
    assert!(removed["aspect"].is_null());
}

#[test]
fn aspect_keys_are_camel_case() {
    assert_eq!(Aspect::RustName.key(), "rustName");
    assert_eq!(Aspect::CatchAll.key(), "unknownMemberVariant");
    assert_eq!(Aspect::EntitySetPath.key(), "entitySetPath");
    assert_eq!(Aspect::Type.key(), "type");
}

#[test]
fn swapping_the_sides_swaps_additions_and_removals() {
    let old = format!(
        "{}{}{CONTAINER}",
        entity("item", r#"<Property Name="a" Type="Edm.Int32"/>"#),
        r#"<EnumType Name="e"><Member Name="x" Value="0"/></EnumType>"#
    );
    let new = format!(
        "{}{}{CONTAINER}",
        entity("item", r#"<Property Name="b" Type="Edm.Int32"/>"#),
        r#"<EnumType Name="e"><Member Name="x" Value="0"/><Member Name="y" Value="1"/></EnumType>"#
    );
    let forward = report(&old, &new);
    let backward = report(&new, &old);
    let mirrored = |c: &Change| (c.element.clone(), c.kind, c.what);
    let mut forward_elements: Vec<_> = forward.changes.iter().map(mirrored).collect();
    let mut backward_elements: Vec<_> = backward
        .changes
        .iter()
        .map(|c| {
            let what = match c.what {
                What::Added => What::Removed,
                What::Removed => What::Added,
                other => other,
            };
            (c.element.clone(), c.kind, what)
        })
        .collect();
    forward_elements.sort();
    backward_elements.sort();
    assert_eq!(forward_elements.len(), 3);
    assert_eq!(forward_elements, backward_elements);
    // And the same inputs give the same report.
    assert_eq!(report(&old, &new), forward);
}

/// [`report`] with the crate's per-area features, as `generate` writes it.
fn changes_with_features(old: &str, new: &str) -> Vec<String> {
    let (old, new) = (model("old.xml", old), model("new.xml", new));
    let old_plan = Plan::new(&old, Selection::everything(&old)).with_features();
    let new_plan = Plan::new(&new, Selection::everything(&new)).with_features();
    compare_plans(&old_plan, &new_plan)
        .changes
        .iter()
        .map(short)
        .collect()
}

/// Two roots: `/items`, whose entities contain `kids` (and through them their `toys`), and
/// `/kids`.
fn two_roots(kids_contained: bool, more_roots: &str) -> String {
    let contained = if kids_contained {
        r#" ContainsTarget="true""#
    } else {
        ""
    };
    format!(
        r#"{}{}{}<EntityContainer Name="Service"><EntitySet Name="items" EntityType="ns.item"/><EntitySet Name="kids" EntityType="ns.kid"/>{more_roots}</EntityContainer>"#,
        entity(
            "item",
            &format!(r#"<NavigationProperty Name="kids" Type="Collection(ns.kid)"{contained}/>"#)
        ),
        entity(
            "kid",
            r#"<NavigationProperty Name="toys" Type="Collection(ns.toy)" ContainsTarget="true"/>"#
        ),
        entity("toy", ""),
    )
}

#[test]
fn features_added_removed_and_what_they_turn_on() {
    // A new root: its feature is new (the types it turns on are not listed again).
    assert_eq!(
        changes_with_features(
            &two_roots(true, ""),
            &two_roots(true, r#"<Singleton Name="toyBox" EntityType="ns.toy"/>"#)
        ),
        [
            "additive singleton ns.Service/toyBox added",
            "additive feature toy-box added"
        ]
    );
    // Its removal breaks a manifest that names the feature.
    assert_eq!(
        changes_with_features(
            &two_roots(true, r#"<Singleton Name="toyBox" EntityType="ns.toy"/>"#),
            &two_roots(true, "")
        ),
        [
            "breaking singleton ns.Service/toyBox removed",
            "breaking feature toy-box removed"
        ]
    );
    // `kids` no longer contained: `/items/{id}/kids/{id}/toys` is gone, so a program built
    // with `items` alone loses `toy`, though containment alone changes no API.
    let changes = changes_with_features(&two_roots(true, ""), &two_roots(false, ""));
    assert_eq!(
        changes,
        [
            "breaking type ns.toy features",
            "internal navigation ns.item/kids containment",
        ]
    );
    let report = {
        let (old, new) = (
            model("old.xml", &two_roots(true, "")),
            model("new.xml", &two_roots(false, "")),
        );
        compare_plans(
            &Plan::new(&old, Selection::everything(&old)).with_features(),
            &Plan::new(&new, Selection::everything(&new)).with_features(),
        )
    };
    assert_eq!(
        report.changes[0].values,
        Some(("full, items, kids".to_owned(), "full, kids".to_owned()))
    );
    // Back again: more features turn `toy` on.
    assert_eq!(
        changes_with_features(&two_roots(false, ""), &two_roots(true, "")),
        [
            "additive type ns.toy features",
            "internal navigation ns.item/kids containment",
        ]
    );
}

#[test]
fn features_lost_or_kept_by_every_build() {
    use super::surface::kept_by_every_build;
    assert!(kept_by_every_build("full, a", "full, a, b"));
    assert!(kept_by_every_build("full", "full, a"));
    assert!(kept_by_every_build("full, a", "full, a"));
    assert!(!kept_by_every_build("full, a, b", "full, b"));
    assert!(!kept_by_every_build("full, a", "full"));
}

#[test]
fn feature_changes_read_as_what_was_gained_and_lost() {
    let (old, new) = (
        model("old.xml", &two_roots(true, "")),
        model("new.xml", &two_roots(false, "")),
    );
    let report = compare_plans(
        &Plan::new(&old, Selection::everything(&old)).with_features(),
        &Plan::new(&new, Selection::everything(&new)).with_features(),
    );
    let text = human(&report, None);
    assert!(
        text.contains("~ type ns.toy: features: -items  old.xml:"),
        "{text}"
    );
}

//! Overloads that break CSDL's overload rules get names that depend on their signatures, not on
//! the order they are declared in: the same overloads declared in another order generate the
//! same code.

mod common;

use std::fs;

use common::scratch;
use odata_codegen::Config;

/// Bound and unbound overloads of one name, each distinct in its signature, with the rules
/// broken in every way: same parameter names with other types, other return types, actions
/// overloaded on one binding, unbound actions overloaded.
const OVERLOADS: [&str; 7] = [
    r#"<Function Name="load" IsBound="true"><Parameter Name="it" Type="s.box" /><Parameter Name="at" Type="Edm.Date" /><ReturnType Type="Edm.Int32" /></Function>"#,
    r#"<Function Name="load" IsBound="true"><Parameter Name="it" Type="s.box" /><Parameter Name="at" Type="Edm.DateTimeOffset" /><ReturnType Type="Edm.Int32" /></Function>"#,
    r#"<Function Name="load" IsBound="true"><Parameter Name="it" Type="s.box" /><ReturnType Type="Edm.Double" /></Function>"#,
    r#"<Action Name="seal" IsBound="true"><Parameter Name="it" Type="s.box" /><Parameter Name="tape" Type="Edm.String" /></Action>"#,
    r#"<Action Name="seal" IsBound="true"><Parameter Name="it" Type="s.box" /><Parameter Name="tape" Type="Edm.String" /><Parameter Name="twice" Type="Edm.Boolean" /></Action>"#,
    r#"<Action Name="sweep" />"#,
    r#"<Action Name="sweep"><Parameter Name="floor" Type="Edm.Int32" /></Action>"#,
];

fn document(order: &[usize]) -> String {
    let operations: String = order.iter().map(|&i| OVERLOADS[i]).collect();
    format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="s" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EntityType Name="box"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Int32" Nullable="false" /></EntityType>
{operations}
<EntityContainer Name="c"><EntitySet Name="boxes" EntityType="s.box" /><ActionImport Name="sweep" Action="s.sweep" /></EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>"#
    )
}

fn generate(order: &[usize]) -> String {
    let dir = scratch("overload-order");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("input.xml");
    fs::write(&path, document(order)).unwrap();
    let mut config = Config::new();
    config.input(&path);
    let loaded = config.load().expect("overloads are warnings");
    let deviations = loaded
        .warnings
        .iter()
        .filter(|w| w.deviation.is_some())
        .count();
    assert_eq!(deviations, 4, "{:#?}", loaded.warnings);
    let code = config.render_single_file(&loaded).unwrap();
    let _ = fs::remove_dir_all(&dir);
    code
}

#[test]
fn overload_names_do_not_depend_on_declaration_order() {
    let forward = generate(&[0, 1, 2, 3, 4, 5, 6]);
    for name in [
        "fn load(",
        "fn load_with_at(",
        "fn load_with_at_2(",
        "fn seal(",
        "fn seal_with_tape_and_twice(",
        "fn sweep(",
        "fn sweep_with_floor(",
    ] {
        assert!(forward.contains(name), "no `{name}`");
    }
    for order in [
        [6, 5, 4, 3, 2, 1, 0],
        [2, 4, 6, 0, 1, 3, 5],
        [1, 0, 3, 2, 5, 4, 6],
    ] {
        assert_eq!(generate(&order), forward, "declared in the order {order:?}");
    }
}

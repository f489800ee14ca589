//! Tests of the CSDL XML reader (`parse_document`) and the file loader (`load`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use odata_codegen::csdl::ast::{Document, Expression, Facets, OperationKind, PropertyValue};
use odata_codegen::csdl::{load, parse_document};
use odata_codegen::diagnostics::{Deviation, Diagnostic, Diagnostics, Severity};

const EDMX_NS: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const EDM_NS: &str = "http://docs.oasis-open.org/odata/ns/edm";

// ---------------------------------------------------------------------------------------------
// Helpers

fn parse_bytes(bytes: &[u8]) -> (Option<Document>, Vec<Diagnostic>) {
    let mut diags = Diagnostics::new();
    let document = parse_document(Arc::from("test.xml"), bytes, &mut diags);
    (document, diags.into_vec())
}

fn parse(xml: &str) -> (Option<Document>, Vec<Diagnostic>) {
    parse_bytes(xml.as_bytes())
}

/// Parses input that must produce a document and no diagnostics at all.
fn parse_clean(xml: &str) -> Document {
    let (document, diags) = parse(xml);
    assert!(diags.is_empty(), "unexpected diagnostics: {diags:#?}");
    document.expect("a document")
}

/// An `edmx:Edmx` 4.0 document around `schemas`.
fn edmx(schemas: &str) -> String {
    format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="{EDMX_NS}">
  <edmx:DataServices>
{schemas}
  </edmx:DataServices>
</edmx:Edmx>
"#
    )
}

/// An `edmx:Edmx` document with one schema `ns` holding `body`.
fn with_schema(body: &str) -> String {
    edmx(&format!(
        r#"<Schema Namespace="ns" xmlns="{EDM_NS}">
{body}
</Schema>"#
    ))
}

/// The 1-based line and column of the first `needle` in `text`, counted independently of
/// the reader.
fn position_of(text: &str, needle: &str) -> (u32, u32) {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before[line_start..].chars().count() + 1;
    (line as u32, column as u32)
}

fn errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

fn warnings(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect()
}

/// Asserts exactly one diagnostic, of `severity`, whose message contains `fragment`, and
/// returns it.
fn single<'d>(diags: &'d [Diagnostic], severity: Severity, fragment: &str) -> &'d Diagnostic {
    assert_eq!(diags.len(), 1, "expected one diagnostic: {diags:#?}");
    let diag = &diags[0];
    assert_eq!(diag.severity, severity, "{diag}");
    assert!(
        diag.message.contains(fragment),
        "`{}` does not contain `{fragment}`",
        diag.message
    );
    diag
}

fn line_column(diag: &Diagnostic) -> (u32, u32) {
    (diag.pos.line, diag.pos.column)
}

fn constant(kind: &str, value: &str) -> Expression {
    Expression::Constant {
        kind: kind.to_owned(),
        value: value.to_owned(),
    }
}

fn path(kind: &str, value: &str) -> Expression {
    Expression::Path {
        kind: kind.to_owned(),
        value: value.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Positions

#[test]
fn every_node_is_positioned_at_its_opening_angle_bracket() {
    let xml = with_schema(
        r#"  <EntityType Name="Person">
    <Key><PropertyRef Name="Id"/></Key>
    <Property Name="Id" Type="Edm.Int32" Nullable="false"/>
  </EntityType>"#,
    );
    let document = parse_clean(&xml);
    let schema = &document.schemas[0];
    assert_eq!(
        (schema.pos.line, schema.pos.column),
        position_of(&xml, "<Schema")
    );
    let person = &schema.entity_types[0];
    assert_eq!(
        (person.pos.line, person.pos.column),
        position_of(&xml, "<EntityType")
    );
    let key = person.key.as_ref().unwrap();
    assert_eq!((key.pos.line, key.pos.column), position_of(&xml, "<Key"));
    let id_ref = &key.property_refs[0];
    assert_eq!(
        (id_ref.pos.line, id_ref.pos.column),
        position_of(&xml, "<PropertyRef")
    );
    let id = &person.properties[0];
    assert_eq!(
        (id.pos.line, id.pos.column),
        position_of(&xml, "<Property ")
    );
    assert_eq!(&*id.pos.file, "test.xml");
}

#[test]
fn columns_count_characters_after_multibyte_text() {
    let xml = with_schema(
        "<!-- Größe € 𝄞 --><EnumType Name=\"E\"><!--ü--><Member Name=\"A\"/></EnumType>",
    );
    let document = parse_clean(&xml);
    let enum_type = &document.schemas[0].enum_types[0];
    let expected = position_of(&xml, "<EnumType");
    assert_eq!((enum_type.pos.line, enum_type.pos.column), expected);
    assert_eq!(expected.1, 19, "the comment is 18 characters but 25 bytes");
    let member = &enum_type.members[0];
    assert_eq!(
        (member.pos.line, member.pos.column),
        position_of(&xml, "<Member")
    );
}

#[test]
fn attribute_errors_point_at_the_attribute() {
    let xml = with_schema(
        r#"<ComplexType Name="C">
      <Property Name="P" Type="Edm.Decimal" Précision="1" Nullable="yes"/>
    </ComplexType>"#,
    );
    let (_, diags) = parse(&xml);
    let errors = errors(&diags);
    assert_eq!(errors.len(), 1, "{diags:#?}");
    assert_eq!(
        line_column(errors[0]),
        position_of(&xml, "Nullable=\"yes\"")
    );
    let warnings = warnings(&diags);
    assert_eq!(warnings.len(), 1, "{diags:#?}");
    assert_eq!(line_column(warnings[0]), position_of(&xml, "Précision"));
}

#[test]
fn a_byte_order_mark_is_accepted_and_not_counted() {
    let xml = format!("\u{feff}{}", with_schema(r#"<EnumType Name="E"/>"#));
    let document = parse_clean(&xml);
    assert_eq!(document.schemas[0].enum_types[0].name, "E");
    let (_, diags) = parse("\u{feff}<Oops/>");
    assert_eq!(line_column(&diags[0]), (1, 1));
}

// ---------------------------------------------------------------------------------------------
// Documents and every element kind

#[test]
fn a_bare_schema_root_is_a_document_without_version() {
    let document = parse_clean(&format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Schema Namespace="Bare.Ns" Alias="B" xmlns="{EDM_NS}"><EnumType Name="E"/></Schema>"#
    ));
    assert_eq!(document.version, None);
    assert!(document.references.is_empty());
    let schema = &document.schemas[0];
    assert_eq!(schema.namespace, "Bare.Ns");
    assert_eq!(schema.alias.as_deref(), Some("B"));
    assert_eq!((schema.pos.line, schema.pos.column), (2, 1));
}

#[test]
fn any_namespace_prefix_works() {
    let document = parse_clean(&format!(
        r#"<x:Edmx Version="4.01" xmlns:x="{EDMX_NS}" xmlns:e="{EDM_NS}">
  <x:DataServices><e:Schema Namespace="n"><e:EnumType Name="E"/></e:Schema></x:DataServices>
</x:Edmx>"#
    ));
    assert_eq!(document.version.as_deref(), Some("4.01"));
    assert_eq!(document.schemas[0].enum_types[0].name, "E");
}

#[test]
fn references_and_their_includes() {
    let document = parse_clean(&format!(
        r#"<edmx:Edmx Version="4.01" xmlns:edmx="{EDMX_NS}">
  <edmx:Reference Uri="https://example.com/vocab.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>
    <edmx:Include Namespace="Other"/>
    <edmx:IncludeAnnotations TermNamespace="T" Qualifier="Q" TargetNamespace="N"/>
    <edmx:IncludeAnnotations TermNamespace="T2"/>
    <Annotation xmlns="{EDM_NS}" Term="Core.Description" String="dropped: references keep none"/>
  </edmx:Reference>
  <edmx:DataServices><Schema Namespace="n" xmlns="{EDM_NS}"/></edmx:DataServices>
</edmx:Edmx>"#
    ));
    assert_eq!(document.version.as_deref(), Some("4.01"));
    let reference = &document.references[0];
    assert_eq!(reference.uri, "https://example.com/vocab.xml");
    assert_eq!((reference.pos.line, reference.pos.column), (2, 3));
    let includes: Vec<_> = reference
        .includes
        .iter()
        .map(|include| (include.namespace.as_str(), include.alias.as_deref()))
        .collect();
    assert_eq!(
        includes,
        [("Org.OData.Core.V1", Some("Core")), ("Other", None)]
    );
    let first = &reference.include_annotations[0];
    assert_eq!(first.term_namespace, "T");
    assert_eq!(first.qualifier.as_deref(), Some("Q"));
    assert_eq!(first.target_namespace.as_deref(), Some("N"));
    assert_eq!(reference.include_annotations[1].qualifier, None);
}

#[test]
fn entity_and_complex_types() {
    let document = parse_clean(&with_schema(
        r#"<EntityType Name="Base" Abstract="true"/>
<EntityType Name="Person" BaseType="ns.Base" OpenType="true" HasStream="true">
  <Key><PropertyRef Name="Id"/><PropertyRef Name="Address/City" Alias="City"/></Key>
  <Property Name="Id" Type="Edm.Int64" Nullable="false"/>
  <Property Name="Price" Type="Edm.Decimal" Precision="10" Scale="variable" DefaultValue="0"/>
  <Property Name="Name" Type="Edm.String" MaxLength="max" Unicode="false"/>
  <Property Name="Where" Type="Edm.GeographyPoint" SRID="4326"/>
  <Property Name="Address" Type="ns.Address"/>
  <NavigationProperty Name="Friends" Type="Collection(ns.Person)" Partner="Friends"/>
  <NavigationProperty Name="Car" Type="ns.Car" Nullable="false" ContainsTarget="true">
    <OnDelete Action="Cascade"/>
    <ReferentialConstraint Property="CarId" ReferencedProperty="Id"/>
    <ReferentialConstraint Property="CarMake" ReferencedProperty="Make"/>
  </NavigationProperty>
</EntityType>
<ComplexType Name="Address" OpenType="false">
  <Property Name="City" Type="Edm.String"/>
  <NavigationProperty Name="Country" Type="ns.Country"/>
</ComplexType>"#,
    ));
    let schema = &document.schemas[0];
    let base = &schema.entity_types[0];
    assert!(base.is_abstract && !base.open_type && !base.has_stream && base.key.is_none());

    let person = &schema.entity_types[1];
    assert_eq!(person.name, "Person");
    assert_eq!(person.base_type.as_deref(), Some("ns.Base"));
    assert!(!person.is_abstract && person.open_type && person.has_stream);
    let refs: Vec<_> = person.key.as_ref().unwrap().property_refs.iter().collect();
    assert_eq!(
        (refs[0].name.as_str(), refs[0].alias.as_deref()),
        ("Id", None)
    );
    assert_eq!(
        (refs[1].name.as_str(), refs[1].alias.as_deref()),
        ("Address/City", Some("City"))
    );

    let props = &person.properties;
    assert_eq!(props.len(), 5);
    assert_eq!(props[0].type_name, "Edm.Int64");
    assert_eq!(props[0].facets.nullable, Some(false));
    assert_eq!(
        props[1].facets,
        Facets {
            precision: Some(10),
            scale: Some("variable".into()),
            ..Facets::default()
        }
    );
    assert_eq!(props[1].default_value.as_deref(), Some("0"));
    assert_eq!(props[2].facets.max_length.as_deref(), Some("max"));
    assert_eq!(props[2].facets.unicode, Some(false));
    assert_eq!(props[3].facets.srid.as_deref(), Some("4326"));
    assert_eq!(props[4].facets, Facets::default());

    let friends = &person.navigation_properties[0];
    assert_eq!(friends.type_name, "Collection(ns.Person)");
    assert_eq!(friends.partner.as_deref(), Some("Friends"));
    assert!(!friends.contains_target && friends.nullable.is_none() && friends.on_delete.is_none());
    let car = &person.navigation_properties[1];
    assert_eq!(car.nullable, Some(false));
    assert!(car.contains_target);
    assert_eq!(car.on_delete.as_ref().unwrap().action, "Cascade");
    let constraints: Vec<_> = car
        .referential_constraints
        .iter()
        .map(|c| (c.property.as_str(), c.referenced_property.as_str()))
        .collect();
    assert_eq!(constraints, [("CarId", "Id"), ("CarMake", "Make")]);

    let address = &schema.complex_types[0];
    assert_eq!(address.name, "Address");
    assert!(address.key.is_none());
    assert_eq!(address.properties[0].name, "City");
    assert_eq!(address.navigation_properties[0].type_name, "ns.Country");
}

#[test]
fn enum_types_and_type_definitions() {
    let document = parse_clean(&with_schema(
        r#"<EnumType Name="Color" UnderlyingType="Edm.Byte" IsFlags="true">
  <Member Name="Red" Value="1"/>
  <Member Name="Green"/>
</EnumType>
<TypeDefinition Name="Money" UnderlyingType="Edm.Decimal" Precision="18" Scale="2"/>
<TypeDefinition Name="Code" UnderlyingType="Edm.String" MaxLength="3" Unicode="true"/>"#,
    ));
    let schema = &document.schemas[0];
    let color = &schema.enum_types[0];
    assert!(color.is_flags);
    assert_eq!(color.underlying_type.as_deref(), Some("Edm.Byte"));
    let members: Vec<_> = color
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.value.as_deref()))
        .collect();
    assert_eq!(members, [("Red", Some("1")), ("Green", None)]);
    let money = &schema.type_definitions[0];
    assert_eq!(money.underlying_type, "Edm.Decimal");
    assert_eq!(money.facets.precision, Some(18));
    assert_eq!(money.facets.scale.as_deref(), Some("2"));
    let code = &schema.type_definitions[1];
    assert_eq!(code.facets.max_length.as_deref(), Some("3"));
    assert_eq!(code.facets.unicode, Some(true));
}

#[test]
fn actions_functions_and_terms() {
    let document = parse_clean(&with_schema(
        r#"<Action Name="Approve" IsBound="true" EntitySetPath="order/Items">
  <Parameter Name="order" Type="ns.Order" Nullable="false"/>
  <Parameter Name="note" Type="Edm.String" MaxLength="100" Unicode="false"/>
  <ReturnType Type="Collection(ns.Item)" Nullable="false"/>
</Action>
<Action Name="Reset"/>
<Function Name="Total" IsComposable="true">
  <Parameter Name="amount" Type="Edm.Decimal" Precision="9" Scale="floating" SRID="0"/>
  <ReturnType Type="Edm.Decimal" Precision="12" Scale="2"/>
</Function>
<Term Name="Tag" Type="Edm.String" BaseTerm="ns.Base" AppliesTo="EntityType Property"
      DefaultValue="none" Nullable="false" MaxLength="20"/>"#,
    ));
    let schema = &document.schemas[0];
    let approve = &schema.actions[0];
    assert_eq!(approve.kind, OperationKind::Action);
    assert!(approve.is_bound && !approve.is_composable);
    assert_eq!(approve.entity_set_path.as_deref(), Some("order/Items"));
    assert_eq!(approve.parameters.len(), 2);
    assert_eq!(approve.parameters[0].facets.nullable, Some(false));
    assert_eq!(
        approve.parameters[1].facets.max_length.as_deref(),
        Some("100")
    );
    let returns = approve.return_type.as_ref().unwrap();
    assert_eq!(returns.type_name, "Collection(ns.Item)");
    assert_eq!(returns.facets.nullable, Some(false));
    assert!(schema.actions[1].return_type.is_none() && !schema.actions[1].is_bound);

    let total = &schema.functions[0];
    assert_eq!(total.kind, OperationKind::Function);
    assert!(total.is_composable && !total.is_bound);
    let amount = &total.parameters[0].facets;
    assert_eq!(amount.precision, Some(9));
    assert_eq!(amount.scale.as_deref(), Some("floating"));
    assert_eq!(amount.srid.as_deref(), Some("0"));
    assert_eq!(
        total.return_type.as_ref().unwrap().facets.precision,
        Some(12)
    );

    let tag = &schema.terms[0];
    assert_eq!(tag.type_name, "Edm.String");
    assert_eq!(tag.base_term.as_deref(), Some("ns.Base"));
    assert_eq!(tag.applies_to.as_deref(), Some("EntityType Property"));
    assert_eq!(tag.default_value.as_deref(), Some("none"));
    assert_eq!(tag.facets.nullable, Some(false));
    assert_eq!(tag.facets.max_length.as_deref(), Some("20"));
}

#[test]
fn entity_containers() {
    let document = parse_clean(&with_schema(
        r#"<EntityContainer Name="Service" Extends="other.Container">
  <EntitySet Name="People" EntityType="ns.Person" IncludeInServiceDocument="false">
    <NavigationPropertyBinding Path="Friends" Target="People"/>
    <NavigationPropertyBinding Path="ns.Employee/Manager" Target="Managers"/>
  </EntitySet>
  <Singleton Name="Me" Type="ns.Person" Nullable="true">
    <NavigationPropertyBinding Path="Friends" Target="People"/>
  </Singleton>
  <Singleton Name="Old" EntityType="ns.Person"/>
  <ActionImport Name="Approve" Action="ns.Approve" EntitySet="People"/>
  <FunctionImport Name="Total" Function="ns.Total" EntitySet="People" IncludeInServiceDocument="true"/>
</EntityContainer>"#,
    ));
    let container = &document.schemas[0].entity_containers[0];
    assert_eq!(container.name, "Service");
    assert_eq!(container.extends.as_deref(), Some("other.Container"));
    let people = &container.entity_sets[0];
    assert_eq!(people.entity_type, "ns.Person");
    assert_eq!(people.include_in_service_document, Some(false));
    let bindings: Vec<_> = people
        .navigation_bindings
        .iter()
        .map(|b| (b.path.as_str(), b.target.as_str()))
        .collect();
    assert_eq!(
        bindings,
        [("Friends", "People"), ("ns.Employee/Manager", "Managers")]
    );
    let me = &container.singletons[0];
    assert_eq!(
        (me.type_name.as_str(), me.nullable),
        ("ns.Person", Some(true))
    );
    assert_eq!(me.navigation_bindings[0].target, "People");
    assert_eq!(container.singletons[1].type_name, "ns.Person");
    let approve = &container.action_imports[0];
    assert_eq!(approve.operation, "ns.Approve");
    assert_eq!(approve.entity_set.as_deref(), Some("People"));
    assert_eq!(approve.include_in_service_document, None);
    let total = &container.function_imports[0];
    assert_eq!(total.operation, "ns.Total");
    assert_eq!(total.include_in_service_document, Some(true));
}

#[test]
fn annotation_shorthands() {
    let kinds = [
        ("String", "text"),
        ("Bool", "true"),
        ("Int", "42"),
        ("Decimal", "1.5"),
        ("Float", "1e3"),
        ("Date", "2024-01-31"),
        ("DateTimeOffset", "2024-01-31T10:00:00Z"),
        ("Duration", "P1D"),
        ("Guid", "21EC2020-3AEA-1069-A2DD-08002B30309D"),
        ("TimeOfDay", "10:00:00"),
        ("Binary", "T0RhdGE"),
        ("EnumMember", "ns.Color/Red ns.Color/Green"),
    ];
    let paths = [
        ("Path", "A/B"),
        ("PropertyPath", "Name"),
        ("NavigationPropertyPath", "Friends"),
        ("AnnotationPath", "@UI.LineItem"),
        ("ModelElementPath", "ns.Person"),
    ];
    let body: String = kinds
        .iter()
        .chain(&paths)
        .map(|(kind, value)| format!("<Annotation Term=\"ns.{kind}\" {kind}=\"{value}\"/>\n"))
        .collect();
    let document = parse_clean(&with_schema(&body));
    let annotations = &document.schemas[0].annotations;
    assert_eq!(annotations.len(), kinds.len() + paths.len());
    for (annotation, (kind, value)) in annotations.iter().zip(&kinds) {
        assert_eq!(annotation.term, format!("ns.{kind}"));
        assert_eq!(annotation.value, Some(constant(kind, value)));
    }
    for (annotation, (kind, value)) in annotations[kinds.len()..].iter().zip(&paths) {
        assert_eq!(annotation.value, Some(path(kind, value)));
    }
}

#[test]
fn annotation_expression_elements() {
    let document = parse_clean(&with_schema(
        r#"<Annotations Target="ns.Person" Qualifier="Phone">
  <Annotation Term="Core.Description">
    <String> a &amp; b &#x41;<![CDATA[ <raw> ]]></String>
  </Annotation>
  <Annotation Term="ns.Count"><Int>
      42
  </Int></Annotation>
  <Annotation Term="ns.Empty"><Null/></Annotation>
  <Annotation Term="UI.LineItem" Qualifier="Short">
    <Collection>
      <Record Type="UI.DataField">
        <PropertyValue Property="Label" String="Name"/>
        <PropertyValue Property="Value"><Path>Name</Path></PropertyValue>
        <Annotation Term="ns.DroppedBecauseRecordsKeepNone" Bool="true"/>
      </Record>
      <PropertyPath>Id</PropertyPath>
      <Collection/>
    </Collection>
    <Annotation Term="ns.OnTheAnnotation" Int="1"/>
  </Annotation>
  <Annotation Term="ns.Computed">
    <Apply Function="odata.concat"><String>x</String><Path>Name</Path></Apply>
  </Annotation>
  <Annotation Term="ns.NoValue"/>
</Annotations>"#,
    ));
    let group = &document.schemas[0].annotation_groups[0];
    assert_eq!(group.target, "ns.Person");
    assert_eq!(group.qualifier.as_deref(), Some("Phone"));
    let values: Vec<_> = group.annotations.iter().map(|a| a.value.clone()).collect();
    assert_eq!(values[0], Some(constant("String", " a & b A <raw> ")));
    assert_eq!(values[1], Some(constant("Int", "42")));
    assert_eq!(values[2], Some(Expression::Null));
    assert_eq!(
        values[3],
        Some(Expression::Collection(vec![
            Expression::Record {
                type_name: Some("UI.DataField".into()),
                properties: vec![
                    PropertyValue {
                        property: "Label".into(),
                        value: constant("String", "Name"),
                    },
                    PropertyValue {
                        property: "Value".into(),
                        value: path("Path", "Name"),
                    },
                ],
            },
            path("PropertyPath", "Id"),
            Expression::Collection(Vec::new()),
        ]))
    );
    let line_item = &group.annotations[3];
    assert_eq!(line_item.qualifier.as_deref(), Some("Short"));
    assert_eq!(line_item.annotations.len(), 1);
    assert_eq!(line_item.annotations[0].term, "ns.OnTheAnnotation");
    assert_eq!(
        values[4],
        Some(Expression::Other {
            element: "Apply".into(),
            attributes: vec![("Function".into(), "odata.concat".into())],
            children: vec![constant("String", "x"), path("Path", "Name")],
        })
    );
    assert_eq!(values[5], None);
}

#[test]
fn inline_annotations_land_on_their_elements() {
    let core = r#"<Annotation Term="Core.Description" String="d"/>"#;
    let document = parse_clean(&with_schema(&format!(
        r#"{core}
<EntityType Name="T">{core}
  <Key><PropertyRef Name="Id"/></Key>
  <Property Name="Id" Type="Edm.Int32" Nullable="false">{core}</Property>
  <NavigationProperty Name="N" Type="ns.T">{core}</NavigationProperty>
</EntityType>
<ComplexType Name="C">{core}</ComplexType>
<EnumType Name="E">{core}<Member Name="M">{core}</Member></EnumType>
<TypeDefinition Name="D" UnderlyingType="Edm.String">{core}</TypeDefinition>
<Function Name="F">{core}<Parameter Name="p" Type="Edm.Int32">{core}</Parameter>
  <ReturnType Type="Edm.Int32">{core}</ReturnType></Function>
<Term Name="Tm" Type="Edm.String">{core}</Term>
<EntityContainer Name="Cn">{core}
  <EntitySet Name="S" EntityType="ns.T">{core}</EntitySet>
  <Singleton Name="O" Type="ns.T">{core}</Singleton>
  <ActionImport Name="A" Action="ns.A">{core}</ActionImport>
  <FunctionImport Name="Fi" Function="ns.F">{core}</FunctionImport>
</EntityContainer>"#
    )));
    let schema = &document.schemas[0];
    let entity = &schema.entity_types[0];
    let enum_type = &schema.enum_types[0];
    let function = &schema.functions[0];
    let container = &schema.entity_containers[0];
    let counts = [
        schema.annotations.len(),
        entity.annotations.len(),
        entity.properties[0].annotations.len(),
        entity.navigation_properties[0].annotations.len(),
        schema.complex_types[0].annotations.len(),
        enum_type.annotations.len(),
        enum_type.members[0].annotations.len(),
        schema.type_definitions[0].annotations.len(),
        function.annotations.len(),
        function.parameters[0].annotations.len(),
        schema.terms[0].annotations.len(),
        container.annotations.len(),
        container.entity_sets[0].annotations.len(),
        container.singletons[0].annotations.len(),
        container.action_imports[0].annotations.len(),
        container.function_imports[0].annotations.len(),
    ];
    assert_eq!(counts, [1; 16]);
    assert_eq!(entity.annotations[0].value, Some(constant("String", "d")));
}

#[test]
fn vendor_extensions_are_skipped_silently() {
    let document = parse_clean(&format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="{EDMX_NS}" xmlns:v="urn:vendor">
  <v:Anything v:attr="1"><Schema xmlns="{EDM_NS}" Namespace="hidden"/></v:Anything>
  <edmx:DataServices>
    <Schema Namespace="n" xmlns="{EDM_NS}" v:flag="x" xml:lang="en">
      <v:Extension><EntityType Name="Hidden"/></v:Extension>
      <EntityType Name="Shown" v:Extra="1"/>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#
    ));
    assert_eq!(document.schemas.len(), 1);
    let types: Vec<_> = document.schemas[0]
        .entity_types
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(types, ["Shown"]);
}

// ---------------------------------------------------------------------------------------------
// Warnings

#[test]
fn unknown_edm_elements_warn_and_are_skipped_with_their_subtree() {
    let xml = with_schema(
        r#"<EntityType Name="T">
    <Gadget Name="x"><Property Name="Inner" Type="Edm.String"/></Gadget>
    <Property Name="Outer" Type="Edm.String"/>
  </EntityType>
  <Property Name="Misplaced" Type="Edm.String"/>"#,
    );
    let (document, diags) = parse(&xml);
    let warnings = warnings(&diags);
    assert_eq!(warnings.len(), 2, "{diags:#?}");
    assert!(errors(&diags).is_empty());
    assert!(warnings[0].message.contains("`Gadget`"), "{}", warnings[0]);
    assert_eq!(line_column(warnings[0]), position_of(&xml, "<Gadget"));
    assert!(
        warnings[1].message.contains("`Property` inside `Schema`"),
        "{}",
        warnings[1]
    );
    let entity = &document.unwrap().schemas[0].entity_types[0];
    let names: Vec<_> = entity.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Outer"]);
}

#[test]
fn unknown_attributes_warn() {
    let xml = with_schema(r#"<ComplexType Name="C" HasStream="true" Color="red"/>"#);
    let (document, diags) = parse(&xml);
    assert!(document.is_some());
    let warnings = warnings(&diags);
    assert_eq!(warnings.len(), 2, "{diags:#?}");
    assert_eq!(line_column(warnings[0]), position_of(&xml, "HasStream"));
    assert!(warnings[1].message.contains("`Color` on `ComplexType`"));
}

#[test]
fn a_non_utf8_encoding_declaration_warns() {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n{}",
        with_schema("")
    );
    let (document, diags) = parse(&xml);
    assert!(document.is_some());
    single(&diags, Severity::Warning, "ISO-8859-1");
}

// ---------------------------------------------------------------------------------------------
// Errors

#[test]
fn malformed_xml_is_an_error_with_position() {
    let xml = with_schema("<EntityType Name=\"T\"></ComplexType>");
    let (document, diags) = parse(&xml);
    assert!(document.is_none());
    let error = single(&diags, Severity::Error, "malformed XML");
    assert_eq!(line_column(error), position_of(&xml, "</ComplexType"));
}

#[test]
fn truncated_files_are_errors() {
    let xml = with_schema("<EntityType Name=\"T\"><Property Name=\"P\" Type=\"Edm.String\"/>");
    for cut in [
        xml.find("<Property").unwrap() + 12,
        xml.find("</Schema").unwrap(),
    ] {
        let (document, diags) = parse(&xml[..cut]);
        assert!(document.is_none(), "cut at {cut}");
        assert_eq!(errors(&diags).len(), 1, "cut at {cut}: {diags:#?}");
    }
    let truncated = &xml[..xml.find("</Schema").unwrap()];
    let (_, diags) = parse(truncated);
    let error = single(&diags, Severity::Error, "`EntityType` is not closed");
    let last_line = truncated.matches('\n').count() + 1;
    assert_eq!(line_column(error), (last_line as u32, 1));
}

#[test]
fn empty_and_blank_files_are_errors() {
    for input in ["", "   \n\t\n"] {
        let (document, diags) = parse(input);
        assert!(document.is_none());
        single(&diags, Severity::Error, "no root element");
    }
}

#[test]
fn junk_bytes_are_errors_not_panics() {
    let inputs: [&[u8]; 6] = [
        b"\xff\xfe<\0S\0c\0h\0",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        b"<Schema Namespace=\"\xC3\x28\"/>",
        b"plain text, not XML",
        b"<<<>>>&&&;;;",
        b"\0\0\0\0",
    ];
    for input in inputs {
        let (document, diags) = parse_bytes(input);
        assert!(document.is_none(), "{input:?}");
        assert!(!errors(&diags).is_empty(), "{input:?}");
    }
    let (_, diags) = parse_bytes(b"<Schema Namespace=\"\xC3\x28\"/>");
    let error = single(&diags, Severity::Error, "not valid UTF-8");
    assert_eq!(line_column(error), (1, 20));
}

#[test]
fn arbitrary_truncations_never_panic() {
    let xml = with_schema(
        r#"<EntityType Name="T"><Key><PropertyRef Name="Id"/></Key>
  <Property Name="Id" Type="Edm.Int32"><Annotation Term="a.b"><Collection><Record>
  <PropertyValue Property="p"><If><Path>x</Path><String>é</String><Null/></If></PropertyValue>
  </Record></Collection></Annotation></Property></EntityType>"#,
    );
    for cut in 0..=xml.len() {
        let _ = parse_bytes(&xml.as_bytes()[..cut]);
    }
}

#[test]
fn dtds_are_refused_and_entities_never_expanded() {
    let xml = format!(
        r#"<?xml version="1.0"?>
<!DOCTYPE Schema [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY lol "lol">
]>
<Schema Namespace="n" xmlns="{EDM_NS}"><Annotation Term="a.b"><String>&xxe;&lol;</String></Annotation></Schema>"#
    );
    let (document, diags) = parse(&xml);
    assert!(document.is_none());
    let error = single(&diags, Severity::Error, "DTDs are not allowed in CSDL");
    assert_eq!(line_column(error), (2, 1));
}

#[test]
fn undeclared_entities_are_errors() {
    let xml = with_schema(
        r#"<Annotation Term="a.b"><String>x&nbsp;y</String></Annotation>
<Annotation Term="a.c" String="x&nbsp;y"/>"#,
    );
    let (_, diags) = parse(&xml);
    let errors = errors(&diags);
    assert_eq!(errors.len(), 2, "{diags:#?}");
    assert!(errors
        .iter()
        .all(|e| e.message.contains("unknown entity `&nbsp;`")));
    assert_eq!(line_column(errors[0]), position_of(&xml, "&nbsp;"));
    assert_eq!(
        line_column(errors[1]),
        position_of(&xml, "String=\"x&nbsp;")
    );
}

#[test]
fn deep_nesting_is_one_error_not_a_stack_overflow() {
    let depth = 100_000;
    let xml = format!(
        "{}{}{}",
        "<Collection>".repeat(depth),
        "",
        "</Collection>".repeat(depth)
    );
    let xml = with_schema(&format!("<Annotation Term=\"a.b\">{xml}</Annotation>"));
    let started = std::time::Instant::now();
    let (document, diags) = parse(&xml);
    assert!(document.is_none());
    single(
        &diags,
        Severity::Error,
        "nested more than 256 elements deep",
    );
    assert!(
        started.elapsed().as_secs() < 5,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn nesting_up_to_256_levels_is_fine() {
    // edmx:Edmx, DataServices, Schema, Annotation: 4 levels before the collections.
    let nest = |collections: usize| {
        with_schema(&format!(
            "<Annotation Term=\"a.b\">{}{}</Annotation>",
            "<Collection>".repeat(collections),
            "</Collection>".repeat(collections)
        ))
    };
    let document = parse_clean(&nest(252));
    assert!(matches!(
        document.schemas[0].annotations[0].value,
        Some(Expression::Collection(_))
    ));
    let (_, diags) = parse(&nest(253));
    single(
        &diags,
        Severity::Error,
        "nested more than 256 elements deep",
    );
}

#[test]
fn wrong_or_missing_namespaces_name_the_expected_one() {
    let cases = [
        (
            r#"<edmx:Edmx Version="4.0" xmlns:edmx="urn:wrong"/>"#.to_owned(),
            EDMX_NS,
        ),
        (
            r#"<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx"/>"#
                .to_owned(),
            EDMX_NS,
        ),
        (r#"<Schema Namespace="n"/>"#.to_owned(), EDM_NS),
        (
            r#"<Schema Namespace="n" xmlns="http://schemas.microsoft.com/ado/2009/11/edm"/>"#
                .to_owned(),
            EDM_NS,
        ),
        // Inside a CSDL 4 `edmx:Edmx`, an older EDM namespace or none is a warning: see
        // `an_older_edm_namespace_inside_csdl_4_is_read_as_csdl_4_with_one_warning` and
        // `a_schema_in_no_namespace_inside_csdl_4_is_read_as_csdl_4_with_one_warning`.
        (
            edmx(r#"<Schema Namespace="n" xmlns="urn:other"/>"#),
            EDM_NS,
        ),
    ];
    for (xml, expected) in &cases {
        let (_, diags) = parse(xml);
        let errors = errors(&diags);
        assert_eq!(errors.len(), 1, "{xml}: {diags:#?}");
        assert!(errors[0].message.contains(expected), "{}", errors[0]);
        if xml.contains("schemas.microsoft.com") {
            assert!(errors[0].message.contains("V1-V3"), "{}", errors[0]);
        }
    }
}

#[test]
fn other_root_elements_are_errors() {
    let (document, diags) = parse(r#"<html><body/></html>"#);
    assert!(document.is_none());
    single(&diags, Severity::Error, "root element must be");
}

#[test]
fn unsupported_versions_and_a_missing_data_services_are_errors() {
    let (_, diags) = parse(&edmx("").replace("4.0", "3.0"));
    single(&diags, Severity::Error, "unsupported CSDL version `3.0`");
    let (_, diags) = parse(&format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="{EDMX_NS}"/>"#
    ));
    single(&diags, Severity::Error, "exactly one `edmx:DataServices`");
    let (_, diags) = parse(&format!(
        r#"<edmx:Edmx xmlns:edmx="{EDMX_NS}"><edmx:DataServices/></edmx:Edmx>"#
    ));
    single(&diags, Severity::Error, "required attribute `Version`");
}

#[test]
fn missing_required_attributes_are_all_reported() {
    let xml = with_schema(
        r#"<EntityType>
  <Property Type="Edm.String"/>
  <Property Name="NoType"/>
</EntityType>
<Annotations><Annotation String="x"/></Annotations>
<EntityContainer Name="C"><EntitySet Name="S"/><FunctionImport Name="F"/></EntityContainer>"#,
    );
    let (document, diags) = parse(&xml);
    assert!(
        document.is_some(),
        "attribute errors do not lose the document"
    );
    let messages: Vec<_> = errors(&diags).iter().map(|d| d.message.clone()).collect();
    assert_eq!(
        messages,
        [
            "`EntityType` is missing the required attribute `Name`",
            "`Property` is missing the required attribute `Name`",
            "`Property` is missing the required attribute `Type`",
            "`Annotation` is missing the required attribute `Term`",
            "`EntitySet` is missing the required attribute `EntityType`",
        ]
    );
    assert_eq!(
        line_column(errors(&diags)[0]),
        position_of(&xml, "<EntityType")
    );
    // `Annotations` without `Target` annotates nothing, and an import without its operation is
    // the OData V3 form: both left out, with a deviation.
    let deviations: Vec<_> = diags.iter().filter(|d| d.deviation.is_some()).collect();
    assert_eq!(deviations.len(), 2, "{deviations:#?}");
    assert_eq!(deviations[0].deviation, Some(Deviation::AnnotationsTarget));
    assert_eq!(deviations[1].deviation, Some(Deviation::ImportTarget));
    assert!(deviations[1]
        .message
        .contains("has no `Function` attribute"));
}

#[test]
fn annotations_without_target_are_left_out_with_a_warning() {
    let xml = with_schema(
        r#"<Annotations/>
<Annotations><Annotation Term="Core.Description" String="lost"/></Annotations>
<Annotations Target="ns.T"><Annotation Term="Core.Description" String="kept"/></Annotations>"#,
    );
    let (document, diags) = parse(&xml);
    assert!(errors(&diags).is_empty(), "{diags:#?}");
    assert_eq!(diags.len(), 2, "{diags:#?}");
    for diag in &diags {
        assert_eq!(diag.deviation, Some(Deviation::AnnotationsTarget));
        assert!(diag.message.contains("has no `Target`; left out"), "{diag}");
    }
    assert_eq!(line_column(&diags[0]), position_of(&xml, "<Annotations/>"));
    let groups = &document.expect("document").schemas[0].annotation_groups;
    assert_eq!(groups.len(), 1, "{groups:#?}");
    assert_eq!(groups[0].target, "ns.T");
    // An empty `Target` is no omission but a malformed value: still an error.
    let (_, diags) = parse(&with_schema(r#"<Annotations Target=""/>"#));
    single(
        &diags,
        Severity::Error,
        "attribute `Target` of `Annotations` must not be empty",
    );
}

#[test]
fn a_schema_in_no_namespace_inside_csdl_4_is_read_as_csdl_4_with_one_warning() {
    let xml = edmx(
        r#"<Schema Namespace="n"><ComplexType Name="C"><Property Name="p" Type="Edm.String"/></ComplexType></Schema>
<Schema Namespace="m"><EnumType Name="E"><Member Name="a"/></EnumType></Schema>"#,
    );
    let (document, diags) = parse(&xml);
    let warning = single(
        &diags,
        Severity::Warning,
        "in no namespace inside a CSDL 4 document",
    );
    assert_eq!(warning.deviation, Some(Deviation::NoNamespace));
    assert_eq!(line_column(warning), position_of(&xml, "<Schema"));
    let schemas = document.expect("document").schemas;
    assert_eq!(schemas.len(), 2);
    assert_eq!(schemas[0].complex_types[0].properties.len(), 1);
    assert_eq!(schemas[1].enum_types[0].members.len(), 1);
    // Elements in no namespace inside a schema in the EDM namespace are still not CSDL.
    let (document, diags) = parse(&with_schema(
        r#"<ComplexType Name="C" xmlns=""><Property Name="p" Type="Edm.String"/></ComplexType>"#,
    ));
    single(
        &diags,
        Severity::Warning,
        "is in no namespace, so it is not CSDL",
    );
    assert!(document.expect("document").schemas[0]
        .complex_types
        .is_empty());
    // Not inside an `edmx:Edmx` of version 3.0 (OData V3), nor as a bare root: errors there.
    let (_, diags) = parse(&xml.replace("Version=\"4.0\"", "Version=\"3.0\""));
    assert!(errors(&diags)
        .iter()
        .any(|d| d.message.contains("but it is in no namespace")));
    let (_, diags) = parse(r#"<Schema Namespace="n"/>"#);
    single(&diags, Severity::Error, "but it is in no namespace");
}

#[test]
fn a_property_value_without_a_value_is_left_out_of_its_record() {
    let xml = with_schema(
        r#"<Annotation Term="a.b"><Record><PropertyValue Property="Name" String="x"/><PropertyValue Property="Description"/></Record></Annotation>"#,
    );
    let (document, diags) = parse(&xml);
    let warning = single(
        &diags,
        Severity::Warning,
        "`PropertyValue` `Description` has no value; left out of its record",
    );
    assert_eq!(warning.deviation, Some(Deviation::AnnotationValues));
    assert_eq!(
        line_column(warning),
        position_of(&xml, r#"<PropertyValue Property="Description""#)
    );
    let annotation = &document.expect("document").schemas[0].annotations[0];
    let Some(Expression::Record { properties, .. }) = &annotation.value else {
        panic!("{annotation:?}");
    };
    assert_eq!(properties.len(), 1, "{properties:?}");
    assert_eq!(properties[0].property, "Name");
}

#[test]
fn an_older_edmx_namespace_of_version_4_is_read_as_csdl_4() {
    let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx">
  <edmx:DataServices>
    <Schema Namespace="n" xmlns="http://schemas.microsoft.com/ado/2008/09/edm"><ComplexType Name="C"/></Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;
    let (document, diags) = parse(xml);
    let warning = single(&diags, Severity::Warning, "OData V1-V3 namespace");
    assert_eq!(warning.deviation, Some(Deviation::LegacyNamespace));
    assert_eq!(line_column(warning), (1, 1));
    assert_eq!(
        document.expect("document").schemas[0].complex_types.len(),
        1
    );
}

#[test]
fn booleans_are_true_or_false_only() {
    for bad in ["1", "0", "yes", "", "truth"] {
        let xml = with_schema(&format!(r#"<EntityType Name="T" Abstract="{bad}"/>"#));
        let (_, diags) = parse(&xml);
        let error = single(&diags, Severity::Error, "must be `true` or `false`");
        assert_eq!(line_column(error), position_of(&xml, "Abstract"));
    }
}

#[test]
fn values_in_another_case_are_read_as_they_spell_with_a_warning() {
    for (written, abstract_) in [("True", true), ("FALSE", false), ("tRuE", true)] {
        let xml = with_schema(&format!(r#"<EntityType Name="T" Abstract="{written}"/>"#));
        let (document, diags) = parse(&xml);
        let warning = single(&diags, Severity::Warning, "read as");
        assert_eq!(warning.deviation, Some(Deviation::ValueCase));
        assert_eq!(line_column(warning), position_of(&xml, "Abstract"));
        let document = document.expect("document");
        assert_eq!(document.schemas[0].entity_types[0].is_abstract, abstract_);
    }
    for (attribute, written, read) in [
        ("Scale", "Variable", "variable"),
        ("Scale", "FLOATING", "floating"),
        ("MaxLength", "MAX", "max"),
        ("SRID", "Variable", "variable"),
    ] {
        let xml = with_schema(&format!(
            r#"<ComplexType Name="C"><Property Name="P" Type="Edm.Decimal" {attribute}="{written}"/></ComplexType>"#
        ));
        let (document, diags) = parse(&xml);
        let warning = single(&diags, Severity::Warning, &format!("read as `{read}`"));
        assert_eq!(warning.deviation, Some(Deviation::ValueCase));
        let facets = &document.expect("document").schemas[0].complex_types[0].properties[0].facets;
        let value = match attribute {
            "Scale" => &facets.scale,
            "MaxLength" => &facets.max_length,
            _ => &facets.srid,
        };
        assert_eq!(value.as_deref(), Some(read));
    }
}

#[test]
fn an_older_edm_namespace_inside_csdl_4_is_read_as_csdl_4_with_one_warning() {
    let xml = edmx(
        r#"<Schema Namespace="n" xmlns="http://schemas.microsoft.com/ado/2009/11/edm"><ComplexType Name="C"/><ComplexType Name="D"/></Schema>"#,
    );
    let (document, diags) = parse(&xml);
    let warning = single(&diags, Severity::Warning, "OData V1-V3 namespace");
    assert_eq!(warning.deviation, Some(Deviation::LegacyNamespace));
    assert_eq!(
        document.expect("document").schemas[0].complex_types.len(),
        2
    );
    // Not inside an `edmx:Edmx` of version 3.0 (OData V3): both are errors there.
    let (_, diags) = parse(&xml.replace("Version=\"4.0\"", "Version=\"3.0\""));
    let errors = errors(&diags);
    assert_eq!(errors.len(), 2, "{diags:#?}");
    assert!(errors[0].message.contains("unsupported CSDL version `3.0`"));
    assert!(errors[1].message.contains("V1-V3"), "{}", errors[1]);
}

#[test]
fn precision_must_be_a_u32() {
    for bad in ["-1", "+3", "1.5", "4294967296", "x"] {
        let xml = with_schema(&format!(
            r#"<ComplexType Name="C"><Property Name="P" Type="Edm.Decimal" Precision="{bad}"/></ComplexType>"#
        ));
        let (_, diags) = parse(&xml);
        single(&diags, Severity::Error, "`Precision` must be an integer");
    }
}

#[test]
fn an_annotation_with_more_than_one_value_keeps_the_first() {
    let (document, diags) = parse(&with_schema(
        r#"<Annotation Term="a.b" String="x" Int="1"/>
<Annotation Term="a.c" String="x"><String>y</String></Annotation>"#,
    ));
    assert!(errors(&diags).is_empty(), "{diags:#?}");
    for annotation in &document.unwrap().schemas[0].annotations {
        assert!(
            matches!(&annotation.value, Some(Expression::Constant { kind, value }) if kind == "String" && value == "x"),
            "{annotation:?}"
        );
    }
    assert_eq!(diags.len(), 2, "{diags:#?}");
    assert!(diags.iter().all(|d| d.deviation
        == Some(odata_codegen::diagnostics::Deviation::AnnotationValues)
        && d.message.contains("more than one value; the first is kept")));
}

#[test]
fn duplicate_structure_is_an_error() {
    let (_, diags) = parse(&with_schema(
        r#"<EntityType Name="T"><Key><PropertyRef Name="A"/></Key><Key><PropertyRef Name="B"/></Key></EntityType>
<Function Name="F"><ReturnType Type="Edm.Int32"/><ReturnType Type="Edm.Int32"/></Function>"#,
    ));
    assert_eq!(errors(&diags).len(), 2, "{diags:#?}");
}

#[test]
fn text_outside_the_root_and_second_roots_are_errors() {
    let (document, diags) = parse(&format!("{}junk", with_schema("")));
    assert!(document.is_some());
    single(&diags, Severity::Error, "text outside the root element");
    let (document, diags) = parse(&format!("{}{}", with_schema(""), with_schema("")));
    assert!(document.is_none());
    single(&diags, Severity::Error, "exactly one root element");
}

#[test]
fn malformed_attributes_are_errors() {
    let xml = with_schema(r#"<EnumType Name="A" Name="B"/>"#);
    let (_, diags) = parse(&xml);
    let error = single(&diags, Severity::Error, "duplicate attribute");
    assert_eq!(line_column(error), position_of(&xml, "Name=\"B\""));
}

#[test]
fn undeclared_prefixes_are_errors() {
    let xml = with_schema(r#"<EnumType Name="E"/><v:Thing/>"#);
    let (document, diags) = parse(&xml);
    assert!(document.is_some());
    let error = single(
        &diags,
        Severity::Error,
        "prefix of `v:Thing` is not declared",
    );
    assert_eq!(line_column(error), position_of(&xml, "<v:Thing"));
}

#[test]
fn junk_attributes_give_a_bounded_number_of_errors() {
    let junk = "x ".repeat(10_000);
    let (_, diags) = parse(&with_schema(&format!(r#"<EnumType Name="E" {junk}/>"#)));
    let errors = errors(&diags);
    assert!((2..=65).contains(&errors.len()), "{}", errors.len());
    assert!(errors
        .last()
        .unwrap()
        .message
        .contains("more than 64 attributes"));
}

// ---------------------------------------------------------------------------------------------
// The Microsoft Graph metadata

#[test]
fn microsoft_graph_metadata_parses_without_errors() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/graph-v1.0.csdl.xml");
    let Ok(bytes) = std::fs::read(&path) else {
        // Straight to stderr: the harness would hide `eprintln!` of a passing test.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr().lock(),
            "SKIPPED: {} not found",
            path.display()
        );
        return;
    };
    let (document, diags) = parse_bytes(&bytes);
    assert!(
        errors(&diags).is_empty(),
        "{:#?}",
        &diags[..diags.len().min(20)]
    );
    let document = document.expect("a document");
    let schemas = &document.schemas;
    let count =
        |f: fn(&odata_codegen::csdl::ast::Schema) -> usize| schemas.iter().map(f).sum::<usize>();
    assert_eq!(schemas.len(), 11);
    assert_eq!(count(|s| s.entity_types.len()), 1182);
    assert_eq!(count(|s| s.complex_types.len()), 1779);
    assert_eq!(count(|s| s.enum_types.len()), 861);
    assert_eq!(count(|s| s.actions.len()), 857);
    assert_eq!(count(|s| s.functions.len()), 326);
}

// ---------------------------------------------------------------------------------------------
// Loading files and following references

/// A fresh folder under the system temp folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "odata-codegen-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let dir = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, relative: &str, content: &str) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A document referencing `uris`, with one schema `namespace`.
fn referencing(namespace: &str, uris: &[&str]) -> String {
    let references: String = uris
        .iter()
        .map(|uri| {
            format!(r#"<edmx:Reference Uri="{uri}"><edmx:Include Namespace="inc.{namespace}"/></edmx:Reference>"#)
        })
        .collect();
    format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="{EDMX_NS}">{references}
<edmx:DataServices><Schema Namespace="{namespace}" xmlns="{EDM_NS}"/></edmx:DataServices></edmx:Edmx>"#
    )
}

fn namespaces(loaded: &odata_codegen::csdl::Loaded) -> Vec<&str> {
    loaded
        .files
        .iter()
        .map(|file| file.document.schemas[0].namespace.as_str())
        .collect()
}

#[test]
fn relative_references_are_followed_once_even_in_cycles() {
    let dir = TempDir::new("cycle");
    let main = dir.write(
        "main.xml",
        &referencing("main", &["sub/a.xml", "sub/a.xml"]),
    );
    dir.write("sub/a.xml", &referencing("a", &["b%20c.xml"]));
    dir.write("sub/b c.xml", &referencing("b", &["../main.xml", "a.xml"]));
    let mut diags = Diagnostics::new();
    let loaded = load(std::slice::from_ref(&main), &mut diags);
    assert!(diags.is_empty(), "{diags:#?}");
    assert!(loaded.unresolved.is_empty(), "{:#?}", loaded.unresolved);
    assert_eq!(namespaces(&loaded), ["main", "a", "b"]);
    assert_eq!(loaded.files[0].path, main);
    assert_eq!(loaded.files[1].path, dir.0.join("sub/a.xml"));
    assert_eq!(loaded.files[2].path, dir.0.join("sub").join("b c.xml"));
}

#[test]
fn positions_name_files_as_given() {
    let dir = TempDir::new("labels");
    let main = dir.write("main.xml", &referencing("main", &["sub/bad.xml"]));
    dir.write(
        "sub/bad.xml",
        &with_schema(r#"<EntityType Name="T" Abstract="nope"/>"#),
    );
    let mut diags = Diagnostics::new();
    let loaded = load(std::slice::from_ref(&main), &mut diags);
    assert_eq!(loaded.files.len(), 2);
    let error = diags.errors().next().unwrap();
    assert_eq!(
        &*error.pos.file,
        dir.0.join("sub/bad.xml").display().to_string()
    );
}

#[test]
fn remote_outside_and_missing_references_are_unresolved() {
    let dir = TempDir::new("unresolved");
    let outside = dir.write("outside.xml", &referencing("outside", &[]));
    let outside_uri = format!("file://{}", outside.display());
    let absolute_inside = dir.write("in/inside.xml", &referencing("inside", &[]));
    let absolute_inside = absolute_inside.display().to_string();
    let main = dir.write(
        "in/main.xml",
        &referencing(
            "main",
            &[
                "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml",
                "../outside.xml",
                &outside_uri,
                "missing.xml",
                &absolute_inside,
            ],
        ),
    );
    let mut diags = Diagnostics::new();
    let loaded = load(std::slice::from_ref(&main), &mut diags);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(namespaces(&loaded), ["main", "inside"]);
    let reasons: Vec<_> = loaded
        .unresolved
        .iter()
        .map(|u| (u.uri.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:#?}");
    assert_eq!(reasons[0].1, "remote references are not fetched");
    assert_eq!(reasons[1], ("../outside.xml", "outside the input folders"));
    assert_eq!(
        reasons[2],
        (outside_uri.as_str(), "outside the input folders")
    );
    assert_eq!(reasons[3].0, "missing.xml");
    assert!(reasons[3].1.contains("not found"), "{}", reasons[3].1);
    let remote = &loaded.unresolved[0];
    assert_eq!(remote.namespaces, ["inc.main"]);
    assert_eq!(&*remote.pos.file, main.display().to_string());
    assert_eq!(remote.pos.line, 1);
}

#[cfg(unix)]
#[test]
fn symlinks_cannot_lead_outside_the_input_folders() {
    let dir = TempDir::new("symlink");
    dir.write("secret.xml", &referencing("secret", &[]));
    let main = dir.write("in/main.xml", &referencing("main", &["link.xml"]));
    std::os::unix::fs::symlink(dir.0.join("secret.xml"), dir.0.join("in/link.xml")).unwrap();
    let mut diags = Diagnostics::new();
    let loaded = load(std::slice::from_ref(&main), &mut diags);
    assert_eq!(namespaces(&loaded), ["main"]);
    assert_eq!(loaded.unresolved[0].reason, "outside the input folders");
}

#[test]
fn every_input_folder_is_allowed() {
    let dir = TempDir::new("roots");
    let first = dir.write("one/main.xml", &referencing("one", &["../two/shared.xml"]));
    let second = dir.write("two/other.xml", &referencing("two", &[]));
    dir.write("two/shared.xml", &referencing("shared", &[]));
    let mut diags = Diagnostics::new();
    let loaded = load(&[first, second.clone(), second], &mut diags);
    assert!(diags.is_empty(), "{diags:#?}");
    assert!(loaded.unresolved.is_empty(), "{:#?}", loaded.unresolved);
    assert_eq!(namespaces(&loaded), ["one", "two", "shared"]);
}

#[test]
fn unreadable_inputs_are_errors_on_the_whole_file() {
    let dir = TempDir::new("unreadable");
    let missing = dir.0.join("nope.xml");
    let folder = dir
        .write("folder/x.xml", "")
        .parent()
        .unwrap()
        .to_path_buf();
    let malformed = dir.write("bad.xml", "<Schema");
    let mut diags = Diagnostics::new();
    let loaded = load(&[missing.clone(), folder.clone(), malformed], &mut diags);
    assert!(loaded.files.is_empty());
    let errors: Vec<_> = diags.errors().collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert_eq!(&*errors[0].pos.file, missing.display().to_string());
    assert_eq!((errors[0].pos.line, errors[0].pos.column), (1, 1));
    assert!(errors[0].message.contains("cannot read"));
    assert_eq!(&*errors[1].pos.file, folder.display().to_string());
    assert!(errors[2].message.contains("malformed XML"));
}

/// Found by `cargo fuzz run emit`: a `Key` whose `PropertyRef` had been mangled into text was an
/// empty key, which passed validation and panicked in emission.
#[test]
fn an_empty_key_is_an_error() {
    let xml = with_schema(
        r#"  <EntityType Name="E">
    <Key>:PropertyRef Name="id" /</Key>
    <Property Name="id" Type="Edm.Int32" Nullable="false"/>
  </EntityType>"#,
    );
    let (_, diags) = parse(&xml);
    let error = single(&diags, Severity::Error, "`Key` has no `PropertyRef`");
    assert_eq!(line_column(error), position_of(&xml, "<Key>"));
}

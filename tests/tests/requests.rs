//! The URL forms of `tests/golden/requests.csdl.xml` as the generated builders write them, in
//! both key styles and with qualified and unqualified operations: media entities (`$value`),
//! stream properties, entity references (`$ref`), `$count` on every kind of collection,
//! aliased and composite keys, and function parameters passed as parameter aliases.

use odata_codegen::Config;
use odata_codegen_tests::golden::requests::{models, paths, runtime};
use odata_codegen_tests::workspace;

use models::{Area, Person, ShelfKey};
use paths::FileService;
use runtime::{BodyKind, Bytes, KeyStyle, Method, Nullable, UrlConventions};

const ROOT: &str = "https://files.example/v1";

fn service(key_style: KeyStyle, qualified_operations: bool) -> FileService {
    FileService::with_conventions(UrlConventions {
        key_style,
        qualified_operations,
    })
}

/// Every combination of the conventions, with how a key of `d1` and `5` is written in each.
fn each_style(check: impl Fn(FileService, &dyn Fn(&str) -> String, bool)) {
    for key_style in [KeyStyle::Segment, KeyStyle::Parentheses] {
        for qualified in [false, true] {
            let key = move |text: &str| match key_style {
                KeyStyle::Segment => format!("/{text}"),
                KeyStyle::Parentheses if text.parse::<i64>().is_ok() => format!("({text})"),
                KeyStyle::Parentheses => format!("('{text}')"),
            };
            check(service(key_style, qualified), &key, qualified);
        }
    }
}

#[test]
fn aliased_and_composite_keys() {
    each_style(|files, key, _| {
        // A single-part key named by an alias: only its value is written.
        let person = files.people().by_id("CH-8000");
        assert_eq!(person.path().as_str(), format!("/people{}", key("CH-8000")));
        // A composite key is named part by part, the alias for the complex member, in both
        // styles; its values are percent-encoded.
        let shelf = files.shelves().by_id(ShelfKey {
            aisle: 3,
            code: "B/7".to_owned(),
        });
        assert_eq!(shelf.path().as_str(), "/shelves(aisle=3,code='B%2F7')");
        assert_eq!(
            shelf.documents().by_id("d1").get().path,
            format!("/shelves(aisle=3,code='B%2F7')/documents{}", key("d1"))
        );
    });
}

#[test]
fn media_entities_and_stream_properties() {
    each_style(|files, key, _| {
        let photo = files.photos().by_id(5);
        let download = photo.media().get();
        assert_eq!(
            (download.method, download.path.clone()),
            (Method::Get, format!("/photos{}/$value", key("5")))
        );
        assert_eq!(
            (download.body_kind(), download.response_kind()),
            (BodyKind::None, BodyKind::Bytes)
        );
        let upload = photo.media().put(*b"\x89PNG", "image/png");
        assert_eq!(upload.method, Method::Put);
        assert_eq!(upload.body_kind(), BodyKind::Bytes);
        assert_eq!(upload.body, Some(Bytes::new(*b"\x89PNG", "image/png")));
        // A derived type of a media entity is one too; the navigation property named `media`
        // gives way to the stream.
        assert_eq!(
            photo.as_thumbnail().media().path().as_str(),
            format!("/photos{}/Demo.Files.thumbnail/$value", key("5"))
        );
        assert_eq!(
            photo.media_2().get().path,
            format!("/photos{}/media", key("5"))
        );

        let document = files.documents().by_id("d1");
        let d1 = format!("/documents{}", key("d1"));
        assert_eq!(document.content().get().path, format!("{d1}/content"));
        assert_eq!(
            document.preview_image().put(*b"x", "image/jpeg").path,
            format!("{d1}/previewImage")
        );
        assert_eq!(
            document.versions().by_id("v2").content().get().path,
            format!("{d1}/versions{}/content", key("v2"))
        );
    });
}

#[test]
fn entity_references() {
    each_style(|files, key, _| {
        let document = files.documents().by_id("d1");
        let d1 = format!("/documents{}", key("d1"));
        let person = files.people().by_id("p1");
        let p1 = format!("{ROOT}/people{}", key("p1"));

        let readers = document.readers().references();
        let list = readers.list();
        assert_eq!(
            (list.method, list.path.clone()),
            (Method::Get, format!("{d1}/readers/$ref"))
        );
        let add = readers.add(&person, ROOT);
        assert_eq!(
            (add.method, add.body_kind()),
            (Method::Post, BodyKind::Json)
        );
        assert_eq!(
            serde_json::to_value(&add.body).unwrap(),
            serde_json::json!({ "@odata.id": p1 })
        );
        let remove = readers.remove(&person, &format!("{ROOT}/"));
        assert_eq!(remove.method, Method::Delete);
        assert_eq!(
            remove.url(ROOT),
            format!("{ROOT}{d1}/readers/$ref?$id={p1}")
        );
        // One link of the collection, by the linked entity's key.
        let one = document.readers().by_id("p1").reference().delete();
        assert_eq!(
            (one.method, one.path),
            (Method::Delete, format!("{d1}/readers{}/$ref", key("p1")))
        );

        let owner = document.owner().reference();
        assert_eq!(owner.get().path, format!("{d1}/owner/$ref"));
        let set = owner.set(&person, ROOT);
        assert_eq!((set.method, set.body.unwrap().id), (Method::Put, p1));
        assert_eq!(owner.delete().method, Method::Delete);

        // The navigation property named `references` gives way to the runtime's method.
        assert_eq!(
            document.references_2().references().path().as_str(),
            format!("{d1}/references/$ref")
        );
    });
}

#[test]
fn counts_of_every_collection() {
    each_style(|files, key, _| {
        assert_eq!(files.people().count().path, "/people/$count");
        assert_eq!(
            files.documents().by_id("d1").readers().count().path,
            format!("/documents{}/readers/$count", key("d1"))
        );
        assert_eq!(
            files.documents().by_id("d1").versions().count().path,
            format!("/documents{}/versions/$count", key("d1"))
        );
        let thumbnails = files.photos().as_thumbnail().count();
        assert_eq!(
            (thumbnails.method, thumbnails.path),
            (
                Method::Get,
                "/photos/Demo.Files.thumbnail/$count".to_owned()
            )
        );
    });
}

#[test]
fn values_that_are_no_simple_literal_are_parameter_aliases() {
    let area = {
        let mut value = Area::default();
        value.zip = Nullable::Value("8000".to_owned());
        value.radius = Nullable::Value(2);
        value
    };
    each_style(|files, key, qualified| {
        let prefix = if qualified { "Demo.Files." } else { "" };
        let tags = ["a b".to_owned(), "c&d".to_owned()];
        let similar = files.documents().by_id("d1").similar(&tags, &area, &5);
        assert_eq!(
            similar.path,
            format!(
                "/documents{}/{prefix}similar(tags=@tags,near=@near,top=5)",
                key("d1")
            )
        );
        assert_eq!(
            similar.query,
            [
                ("@tags".to_owned(), r#"["a b","c&d"]"#.to_owned()),
                (
                    "@near".to_owned(),
                    r#"{"zip":"8000","radius":2}"#.to_owned()
                ),
            ]
        );
        assert_eq!(
            similar.clone().top(1).url(ROOT),
            format!(
                "{ROOT}/documents{}/{prefix}similar(tags=@tags,near=@near,top=5)\
                 ?@tags=%5B%22a%20b%22,%22c%26d%22%5D\
                 &@near=%7B%22zip%22:%228000%22,%22radius%22:2%7D&$top=1",
                key("d1")
            )
        );

        // A composable function that returns entities is a builder: its aliases travel on
        // below it (`…/nearby(areas=@areas)/CH-1/name?@areas=…`).
        let nearby = files.people().nearby(std::slice::from_ref(&area)).list();
        assert_eq!(nearby.path, format!("/people/{prefix}nearby(areas=@areas)"));
        assert_eq!(nearby.query[0].1, r#"[{"zip":"8000","radius":2}]"#);
        let below = files
            .people()
            .nearby(std::slice::from_ref(&area))
            .by_id("CH-1")
            .property::<runtime::ValueResponse<String>>("name")
            .get();
        assert_eq!(
            (below.path.as_str(), below.query[0].0.as_str()),
            (
                format!("/people/{prefix}nearby(areas=@areas){}/name", key("CH-1")).as_str(),
                "@areas"
            )
        );

        // A function import is never qualified; an entity value is an alias too, a string
        // stays inline.
        let example = {
            let mut value = Person::default();
            value.name = Nullable::Value("Ann".to_owned());
            value
        };
        let like = files.like(&example, "it's");
        assert_eq!(like.path, "/like(example=@example,name='it''s')");
        assert_eq!(
            like.query,
            [("@example".to_owned(), r#"{"name":"Ann"}"#.to_owned())]
        );
    });
}

/// `resolve` names the same methods as the builders above: each URL form's chain.
#[test]
fn resolve_names_these_builders() {
    let mut config = Config::new();
    config.input(workspace().join("tests/golden/requests.csdl.xml"));
    let loaded = config.load().expect("the golden input loads");
    let cases = [
        ("/photos/5/$value", "photos().by_id(5).media().get()"),
        ("/photos/5/media", "photos().by_id(5).media_2().get()"),
        (
            "PUT /documents/d1/previewImage",
            r#"documents().by_id("d1").preview_image().put(bytes, content_type)"#,
        ),
        (
            "/documents/d1/versions/v2/content",
            r#"documents().by_id("d1").versions().by_id("v2").content().get()"#,
        ),
        (
            "/documents/d1/references/$ref",
            r#"documents().by_id("d1").references_2().references().list()"#,
        ),
        (
            "DELETE /documents/d1/readers/$ref?$id=https://x/people('p1')",
            r#"documents().by_id("d1").readers().references().remove(&target, service_root)"#,
        ),
        (
            "PUT /documents/d1/owner/$ref",
            r#"documents().by_id("d1").owner().reference().set(&target, service_root)"#,
        ),
        (
            "/photos/Demo.Files.thumbnail/$count",
            "photos().as_thumbnail().count()",
        ),
    ];
    let urls: Vec<&str> = cases.iter().map(|(url, _)| *url).collect();
    let resolved = config.resolve(&loaded, None, &urls).expect("resolves");
    for ((url, chain), resolution) in cases.iter().zip(resolved) {
        let resolution = resolution.unwrap_or_else(|e| panic!("{url}: {e:?}"));
        let text = resolution
            .chain
            .unwrap_or_else(|e| panic!("{url}: {e}"))
            .text;
        assert_eq!(text, format!("FileService::new().{chain}"), "{url}");
    }
}

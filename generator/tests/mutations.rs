//! The bounded, stable-Rust side of `fuzz/`: valid metadata, mutated at random (bytes cut,
//! repeated, replaced, CSDL fragments spliced in, the file truncated), goes through reader →
//! type graph → emission without a panic, and keeps the invariants of
//! `odata_codegen::fuzzing`: a refused document says why, every diagnostic is one positioned
//! line, and metadata without errors becomes Rust that parses.

use std::path::Path;

use odata_codegen::fuzzing;
use proptest::prelude::*;

/// The valid documents the mutations start from: small ones, so that each case stays fast.
fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    [
        "fuzz/seeds/small.xml",
        "tests/golden/naming.csdl.xml",
        "tests/golden/polymorphism.csdl.xml",
        "tests/golden/injection.csdl.xml",
    ]
    .iter()
    .map(|path| std::fs::read(root.join(path)).expect("seed"))
    .collect()
}

/// Fragments that change how a parser or the type graph sees the text around them.
const FRAGMENTS: &[&str] = &[
    "<",
    ">",
    "/>",
    "\"",
    "&",
    "&amp;",
    "&#x0;",
    "&#xD800;",
    "&unknown;",
    "<![CDATA[",
    "]]>",
    "<!--",
    "<!DOCTYPE x [<!ENTITY e \"e\">]>",
    "<?xml version=\"1.0\"?>",
    "\u{0}",
    "\u{feff}",
    "\u{202e}",
    "\r",
    "Collection(",
    ")",
    "Edm.",
    "Edm.Untyped",
    "Edm.Stream",
    "Edm.Int64",
    "BaseType=\"example.naming.person\" ",
    "Abstract=\"true\" ",
    "IsFlags=\"true\" ",
    "Nullable=\"false\" ",
    "Value=\"-9223372036854775808\" ",
    "<Key><PropertyRef Name=\"id\"/></Key>",
    "<Property Name=\"type\" Type=\"Edm.String\"/>",
    "<NavigationProperty Name=\"self\" Type=\"Collection(Edm.String)\"/>",
    "<EntityType Name=\"Self\">",
    "</EntityType>",
    "<ComplexType Name=\"Option\"/>",
    "<EnumType Name=\"r#x\"><Member Name=\"a\"/></EnumType>",
    "<Action Name=\"crate\" IsBound=\"true\"><Parameter Name=\"it\" Type=\"Edm.String\"/></Action>",
    "<Annotation Term=\"Core.Description\" String=\"*/ \\\" ]] `\"/>",
    "<Schema Namespace=\"other\" Alias=\"n\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">",
    "</Schema>",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Remove `len` bytes at a position (fractions of the current length, in 1/1000).
    Cut { at: u16, len: u16 },
    /// Repeat `len` bytes at a position.
    Repeat { at: u16, len: u16 },
    /// Put a byte at a position.
    Replace { at: u16, byte: u8 },
    /// Splice in one of [`FRAGMENTS`].
    Insert { at: u16, fragment: usize },
    /// Keep only the first part.
    Truncate { at: u16 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0u16..1000;
    prop_oneof![
        (at.clone(), 1u16..200).prop_map(|(at, len)| Mutation::Cut { at, len }),
        (at.clone(), 1u16..400).prop_map(|(at, len)| Mutation::Repeat { at, len }),
        (at.clone(), any::<u8>()).prop_map(|(at, byte)| Mutation::Replace { at, byte }),
        (at.clone(), 0..FRAGMENTS.len())
            .prop_map(|(at, fragment)| Mutation::Insert { at, fragment }),
        at.prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let position = |at: u16, len: usize| len * usize::from(at) / 1000;
    match *mutation {
        Mutation::Cut { at, len } => {
            let start = position(at, bytes.len());
            let end = (start + usize::from(len)).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::Repeat { at, len } => {
            let start = position(at, bytes.len());
            let end = (start + usize::from(len)).min(bytes.len());
            let copy = bytes[start..end].to_vec();
            bytes.splice(end..end, copy);
        }
        Mutation::Replace { at, byte } => {
            if !bytes.is_empty() {
                let index = position(at, bytes.len() - 1);
                bytes[index] = byte;
            }
        }
        Mutation::Insert { at, fragment } => {
            let index = position(at, bytes.len());
            bytes.splice(index..index, FRAGMENTS[fragment].bytes());
        }
        Mutation::Truncate { at } => bytes.truncate(position(at, bytes.len())),
    }
}

proptest! {
    // Enough to reach every phase on every seed in a few seconds of a debug build; the
    // long runs are `cargo fuzz` (fuzz/README.md).
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_metadata_never_panics(
        seed in 0usize..4,
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut bytes = seeds()[seed].clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let _ = fuzzing::emit(&bytes);
    }
}

/// The unmutated seeds go all the way through: the property above starts from valid input.
#[test]
fn every_seed_generates() {
    for (index, seed) in seeds().iter().enumerate() {
        assert!(fuzzing::emit(seed).is_some(), "seed {index} has errors");
    }
}

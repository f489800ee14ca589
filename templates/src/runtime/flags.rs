//! [`Flags`]: the value of a flags enum type, several members at once.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, Error, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::model::EnumType;
use super::wire::Wire;

/// The members of a flags enum type (`IsFlags="true"`), as sent: on the wire a single string of
/// comma-separated member names, e.g. `"monday,tuesday"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<E>(pub Vec<E>);

// Hand-written so that `Flags<E>: Default` does not require `E: Default`.
impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<E: PartialEq> Flags<E> {
    /// Whether `member` is among the members.
    pub fn contains(&self, member: &E) -> bool {
        self.0.contains(member)
    }
}

impl<E> From<Vec<E>> for Flags<E> {
    fn from(members: Vec<E>) -> Self {
        Flags(members)
    }
}

impl<E: EnumType> Flags<E> {
    /// Parses the wire form: names separated by commas, spaces around them ignored, empty names
    /// (`""`, `"a,,b"`) skipped. Never fails; unknown names become `Other` members.
    pub fn parse(text: &str) -> Self {
        Flags(
            text.split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(E::from_wire)
                .collect(),
        )
    }
}

/// The wire form, `a,b`.
impl<E: EnumType> fmt::Display for Flags<E> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        for (position, member) in self.0.iter().enumerate() {
            if position > 0 {
                formatter.write_str(",")?;
            }
            formatter.write_str(member.as_wire())?;
        }
        Ok(())
    }
}

impl<E: EnumType> Wire for Flags<E> {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FlagsVisitor(PhantomData))
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<E: EnumType> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize_wire(serializer)
    }
}

impl<'de, E: EnumType> Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::deserialize_wire(deserializer)
    }
}

struct FlagsVisitor<E>(PhantomData<fn() -> E>);

impl<E: EnumType> Visitor<'_> for FlagsVisitor<E> {
    type Value = Flags<E>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(
            formatter,
            "comma-separated member names of {}",
            E::TYPE_NAME
        )
    }

    fn visit_str<Er: Error>(self, text: &str) -> Result<Flags<E>, Er> {
        Ok(Flags::parse(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Member(String);

    impl EnumType for Member {
        const TYPE_NAME: &'static str = "test.member";
        fn from_wire(name: &str) -> Self {
            Member(name.to_owned())
        }
        fn as_wire(&self) -> &str {
            &self.0
        }
    }

    fn names(flags: &Flags<Member>) -> Vec<&str> {
        flags.0.iter().map(|member| member.0.as_str()).collect()
    }

    #[test]
    fn parses_trimmed_names_and_skips_empty_ones() {
        assert_eq!(names(&Flags::parse("a, b ,c")), ["a", "b", "c"]);
        assert_eq!(names(&Flags::parse("")), Vec::<&str>::new());
        assert_eq!(names(&Flags::parse(" , a,,")), ["a"]);
        assert!(Flags::parse("a,b").contains(&Member("b".into())));
    }

    #[test]
    fn serde_forms() {
        let flags: Flags<Member> = serde_json::from_str(r#""x, y""#).unwrap();
        assert_eq!(serde_json::to_string(&flags).unwrap(), r#""x,y""#);
        assert_eq!(
            serde_json::to_string(&Flags::<Member>::default()).unwrap(),
            r#""""#
        );
        assert!(serde_json::from_str::<Flags<Member>>(r#"["x"]"#).is_err());
        assert!(serde_json::from_str::<Flags<Member>>("null").is_err());
    }
}

//! Reading an enum whose variants carry no data from its name, through one shared function,
//! for the size of the site's `.wasm`.
//!
//! serde's derived `Deserialize` for such an enum (`"after_output"`) inlines the JSON reader's
//! whole enum path into each type, about 1 KB of WebAssembly apiece. [`deserialize_by_name!`]
//! writes the impl as a lookup in the variants' names instead: the JSON string is read by the
//! code every `String` field already uses, then found in the list. The names are the ones the
//! derived `Serialize` writes (each use has a test that they match); a name not in the list
//! is the same `unknown variant` error serde gives.

use serde::de::{Deserialize, Deserializer, Error};

/// The position of the name `d` holds in `names`, or serde's `unknown variant` error.
pub fn variant_index<'de, D: Deserializer<'de>>(
    d: D,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    let name = String::deserialize(d)?;
    names
        .iter()
        .position(|n| *n == name)
        .ok_or_else(|| D::Error::unknown_variant(&name, names))
}

/// `impl Deserialize` for an enum of unit variants, read from their names:
/// `deserialize_by_name!(Restart { KafkaOffsets = "kafka_offsets", Checkpoint = "checkpoint" });`
#[macro_export]
macro_rules! deserialize_by_name {
    ($ty:ident { $($variant:ident = $name:literal),+ $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                const NAMES: &[&str] = &[$($name),+];
                const ALL: &[$ty] = &[$($ty::$variant),+];
                Ok(ALL[$crate::unit_enum::variant_index(d, NAMES)?])
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::kafka::delivery::{CommitStrategy, CrashPoint, Restart};

    /// Every variant reads back from what the derived `Serialize` writes, and an unknown name
    /// or a non-string is refused with serde's errors.
    #[test]
    fn names_match_what_serialize_writes() {
        fn round_trip<T>(all: &[T])
        where
            T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
        {
            for v in all {
                let json = serde_json::to_string(v).unwrap();
                assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), v, "{json}");
            }
            let err = serde_json::from_str::<T>(r#""no_such_name""#).unwrap_err();
            assert!(err
                .to_string()
                .starts_with("unknown variant `no_such_name`, expected"));
            assert!(serde_json::from_str::<T>("3").is_err());
        }
        round_trip(&[
            CommitStrategy::None,
            CommitStrategy::AfterOutput,
            CommitStrategy::BeforeOutput,
            CommitStrategy::AutoCommit,
        ]);
        round_trip(&[
            CrashPoint::BeforeOutput,
            CrashPoint::AfterOutput,
            CrashPoint::AfterCommit,
        ]);
        round_trip(&[Restart::KafkaOffsets, Restart::Checkpoint]);
    }
}

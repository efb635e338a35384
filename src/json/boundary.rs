//! [`boundary_struct!`]: one declaration per struct that crosses the Wasm boundary as JSON.
//!
//! A declaration gives each field its type, default and JSON name once; the macro writes the
//! struct, its `Default`, its decoder ([`Decode`](super::de::Decode) and
//! [`FromJson`](super::de::FromJson) over the generic `json::de`), its JSON writer
//! ([`ToJson`](super::ToJson), every field in declaration order) and, in tests, the serde
//! derives kept as the oracle of both. A unit test holds the TypeScript declarations
//! (`www/core/index.d.ts`) to the same field lists.

/// Declares a boundary struct (see the module docs). Field syntax:
/// `pub name: Type = default, "jsonName";`, with `, required` after the JSON name for a field
/// that must be present, or `, write_only` for one the decoder skips (it keeps its default). Container-level serde attributes of the test oracle (`default`,
/// `deny_unknown_fields`) go in the struct's attributes, as `#[cfg_attr(test, serde(…))]`,
/// and agree with `deny_unknown` (the decoder's property test compares the two).
macro_rules! boundary_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            deny_unknown: $deny:literal;
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty = $default:expr, $key:literal $(, $req:ident)?;
            )*
        }
    ) => {
        #[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
        $(#[$meta])*
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[cfg_attr(test, serde(rename = $key))]
                pub $field: $ty,
            )*
        }

        impl Default for $name {
            fn default() -> Self {
                $name { $($field: $default,)* }
            }
        }

        impl $crate::json::de::Decode for $name {
            const NAME: &'static str = stringify!($name);
            const FIELDS: &'static [&'static str] = &[$($key),*];
            const DENY_UNKNOWN: bool = $deny;
            const REQUIRED: u64 = {
                let mut bits = 0u64;
                let mut _n = 0u32;
                $(
                    if $crate::json::boundary::is_required!($($req)?) {
                        bits |= 1 << _n;
                    }
                    _n += 1;
                )*
                bits
            };

            fn fill(
                &mut self,
                i: usize,
                v: &$crate::json::Value,
            ) -> $crate::json::de::Res<()> {
                let mut _n = 0usize;
                $(
                    if i == _n {
                        $crate::json::boundary::fill_field!(self.$field, v $(, $req)?);
                        return Ok(());
                    }
                    _n += 1;
                )*
                Ok(())
            }
        }

        impl $crate::json::de::FromJson for $name {
            fn from_json_value(v: &$crate::json::Value) -> $crate::json::de::Res<Self> {
                $crate::json::de::decode(v)
            }
        }

        /// Every field, by its JSON name, in declaration order (as the serde derive writes it).
        impl $crate::json::ToJson for $name {
            fn to_json(&self) -> $crate::json::Value {
                $crate::json::object([
                    $(($key, $crate::json::ToJson::to_json(&self.$field)),)*
                ])
            }
        }
    };
}

/// `true` for a field marked `required`.
macro_rules! is_required {
    () => {
        false
    };
    (required) => {
        true
    };
    (write_only) => {
        false
    };
}

/// Decode field `$place` from `$v`; a `write_only` field (written for the host, never read
/// back: it keeps its default and costs no decoder in the Wasm) is skipped.
macro_rules! fill_field {
    ($place:expr, $v:expr) => {
        $place = $crate::json::de::FromJson::from_json_value($v)?
    };
    ($place:expr, $v:expr, required) => {
        $place = $crate::json::de::FromJson::from_json_value($v)?
    };
    ($place:expr, $v:expr, write_only) => {
        let _ = $v;
    };
}

pub(crate) use boundary_struct;
pub(crate) use fill_field;
pub(crate) use is_required;

#[cfg(test)]
mod tests;

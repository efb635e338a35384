//! The kubectl minor version whose behaviour to follow (1.27 … 1.37).
//!
//! The one declaration of the supported minors: [`KubectlVersion::OLDEST`] and
//! [`KubectlVersion::LATEST`]. The Wasm's `kubectlVersions()`/`defaultKubectlVersion()`, the
//! CLI's help and default, the page's selector and error texts come from them; the
//! TypeScript union is checked against them (`tests/js/versions.test.mjs`).

use std::fmt;
use std::str::FromStr;

use crate::error::Error;
use crate::json::de::FromJson;
use crate::json::{ToJson, Value};

/// A supported kubectl minor version, `1.27` … `1.37`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KubectlVersion(u8);

impl KubectlVersion {
    /// The oldest minor followed.
    pub const OLDEST: KubectlVersion = KubectlVersion(27);
    /// The newest minor followed, and the default.
    pub const LATEST: KubectlVersion = KubectlVersion(37);

    /// The version `1.<minor>`, if supported.
    pub fn new(minor: u8) -> Option<KubectlVersion> {
        (Self::OLDEST.0..=Self::LATEST.0)
            .contains(&minor)
            .then_some(KubectlVersion(minor))
    }

    /// The minor number (`27` for 1.27).
    pub fn minor(self) -> u8 {
        self.0
    }

    /// Whether kubectl prints the session-recording banner before it attaches (kubectl
    /// `pkg/cmd/attach` `RecordingBanner`, from 1.34).
    pub fn records_banner(self) -> bool {
        self.at_least(34)
    }

    /// True when this version is `1.<minor>` or newer.
    pub fn at_least(self, minor: u8) -> bool {
        self.0 >= minor
    }

    /// Every supported version, oldest first.
    pub fn all() -> impl Iterator<Item = KubectlVersion> {
        (Self::OLDEST.0..=Self::LATEST.0).map(KubectlVersion)
    }

    /// `--profile`'s default: `legacy` until 1.35, `general` from 1.36.
    pub fn default_profile(self) -> &'static str {
        if self.at_least(36) {
            "general"
        } else {
            "legacy"
        }
    }
}

impl Default for KubectlVersion {
    fn default() -> Self {
        Self::LATEST
    }
}

impl fmt::Display for KubectlVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "1.{}", self.0)
    }
}

impl FromStr for KubectlVersion {
    type Err = Error;

    /// Accepts `1.31`, `v1.31`, `1.31.9` and `v1.31.9`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || Error::unsupported_version(s);
        let rest = s.strip_prefix('v').unwrap_or(s);
        let mut parts = rest.split('.');
        if parts.next() != Some("1") {
            return Err(bad());
        }
        let minor: u8 = parts.next().and_then(|m| m.parse().ok()).ok_or_else(bad)?;
        if let Some(patch) = parts.next() {
            if patch.parse::<u32>().is_err() || parts.next().is_some() {
                return Err(bad());
            }
        }
        KubectlVersion::new(minor).ok_or_else(bad)
    }
}

/// Written as `"1.31"`.
/// A version as the host writes it (`"1.33"`); an unsupported one fails with its error text.
impl crate::json::de::FromJson for KubectlVersion {
    fn from_json_value(v: &Value) -> crate::json::de::Res<KubectlVersion> {
        <String as FromJson>::from_json_value(v)?
            .parse()
            .map_err(|e: Error| crate::json::de::DeError::new(e.message().to_string()))
    }
}

impl ToJson for KubectlVersion {
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
}

/// The serde form [`ToJson`] is held to (tests only).
#[cfg(test)]
impl serde::Serialize for KubectlVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// For the test oracle of the boundary structs (`json::boundary`).
#[cfg(test)]
impl<'de> serde::Deserialize<'de> for KubectlVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;

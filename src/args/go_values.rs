//! Value checks behind kubectl's flags with their error texts: klog's `--vmodule` and Go
//! `flag`'s duration (the Go parsers themselves are in [`crate::go`]).

use crate::go::strconv::parse_int32;
use crate::go::time::go_duration_nanos;

/// Mirrors klog `moduleSpec.Set` (`--vmodule`): comma-separated `pattern=N`, N ≥ 0.
pub(super) fn check_vmodule(value: &str) -> Result<(), String> {
    const SYNTAX: &str = "syntax error: expect comma-separated list of filename=N";
    for pattern in value.split(',').filter(|p| !p.is_empty()) {
        let parts: Vec<&str> = pattern.split('=').collect();
        let [name, level] = parts.as_slice() else {
            return Err(SYNTAX.to_string());
        };
        if name.is_empty() || level.is_empty() {
            return Err(SYNTAX.to_string());
        }
        match parse_int32(level) {
            Err(_) => return Err(SYNTAX.to_string()),
            Ok(n) if n < 0 => return Err("negative value for vmodule level".to_string()),
            Ok(_) => {}
        }
    }
    Ok(())
}

/// Mirrors Go `flag.durationValue.Set`: `time.ParseDuration`, any failure reported as
/// `parse error`.
pub(super) fn check_go_duration(value: &str) -> Result<(), String> {
    go_duration_nanos(value)
        .map(|_| ())
        .ok_or_else(|| "parse error".to_string())
}

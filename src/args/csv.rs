//! pflag's CSV-based values (`stringToString`, `stringSlice`) with Go `encoding/csv`
//! semantics: the record reader and the field writer used to render them back.

use crate::go::csv::csv_read_record;
use crate::options::{merge_pairs, Pair};

/// Mirrors pflag `stringToStringValue.Set`'s parsing (spec §2.3): no `=` is an error, one
/// `=` is a single pair with surrounding `"` trimmed, more are one CSV record.
pub(super) fn parse_string_to_string(value: &str) -> Result<Vec<Pair>, String> {
    let items = match value.matches('=').count() {
        0 => return Err(format!("{value} must be formatted as key=value")),
        1 => vec![value.trim_matches('"').to_string()],
        _ => csv_read_record(value)?,
    };
    let mut parsed = Vec::with_capacity(items.len());
    for item in items {
        let Some((name, v)) = item.split_once('=') else {
            return Err(format!("{item} must be formatted as key=value"));
        };
        parsed.push(Pair {
            name: name.to_string(),
            value: v.to_string(),
        });
    }
    // One occurrence is a Go map: a repeated key keeps the last value.
    let mut pairs = Vec::with_capacity(parsed.len());
    merge_pairs(&mut pairs, parsed);
    Ok(pairs)
}

/// Mirrors pflag `readAsCSV` (used by `stringSlice`): empty is no items, else one CSV record.
pub(super) fn read_as_csv(value: &str) -> Result<Vec<String>, String> {
    if value.is_empty() {
        return Ok(Vec::new());
    }
    csv_read_record(value)
}

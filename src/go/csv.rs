//! Go `encoding/csv` with default settings: the record reader and the field writer.

/// The line reader of Go `encoding/csv.Reader.readLine`: lines keep their `\n`, `\r\n` reads
/// as `\n`, a final unterminated line loses a trailing `\r`; every read counts a line.
struct CsvLines<'a> {
    rest: &'a str,
    num_line: usize,
}

impl<'a> CsvLines<'a> {
    fn read_line(&mut self) -> Option<String> {
        self.num_line += 1;
        if self.rest.is_empty() {
            return None;
        }
        let (line, rest) = match self.rest.find('\n') {
            Some(i) => (self.rest.get(..=i), self.rest.get(i + 1..)),
            None => (Some(self.rest), Some("")),
        };
        self.rest = rest.unwrap_or("");
        let mut line = line.unwrap_or("").to_string();
        if line.ends_with("\r\n") {
            line.truncate(line.len() - 2);
            line.push('\n');
        } else if !line.ends_with('\n') && line.ends_with('\r') {
            line.pop();
        }
        Some(line)
    }
}

/// Go `encoding/csv.ParseError` text.
fn csv_error(start_line: usize, line: usize, column: usize, err: &str) -> String {
    if start_line == line {
        format!("parse error on line {line}, column {column}: {err}")
    } else {
        format!("record on line {start_line}; parse error on line {line}, column {column}: {err}")
    }
}

const CSV_BARE_QUOTE: &str = "bare \" in non-quoted-field";
const CSV_QUOTE: &str = "extraneous or missing \" in quoted-field";

/// Mirrors Go `encoding/csv.Reader.Read` with default settings (comma `,`, strict quotes):
/// the first record of `input`, skipping empty lines; `EOF` when there is none.
pub(crate) fn csv_read_record(input: &str) -> Result<Vec<String>, String> {
    let mut lines = CsvLines {
        rest: input,
        num_line: 0,
    };
    let first = loop {
        match lines.read_line() {
            None => return Err("EOF".to_string()),
            Some(line) if line.is_empty() || line == "\n" => continue,
            Some(line) => break line,
        }
    };
    let start_line = lines.num_line;
    let mut fields = Vec::new();
    let mut line: &str = &first;
    let mut owned_next: String;
    let mut col = 1usize;
    loop {
        if !line.starts_with('"') {
            // Non-quoted field: up to the next comma or the end of the line.
            let comma = line.find(',');
            let field = match comma {
                Some(i) => line.get(..i).unwrap_or(""),
                None => line.strip_suffix('\n').unwrap_or(line),
            };
            if let Some(j) = field.find('"') {
                return Err(csv_error(
                    start_line,
                    lines.num_line,
                    col + j,
                    CSV_BARE_QUOTE,
                ));
            }
            fields.push(field.to_string());
            match comma {
                Some(i) => {
                    line = line.get(i + 1..).unwrap_or("");
                    col += i + 1;
                    continue;
                }
                None => return Ok(fields),
            }
        }
        // Quoted field, possibly spanning lines.
        let mut field = String::new();
        let mut pos_line = lines.num_line;
        line = line.get(1..).unwrap_or("");
        col += 1;
        loop {
            if let Some(i) = line.find('"') {
                field.push_str(line.get(..i).unwrap_or(""));
                line = line.get(i + 1..).unwrap_or("");
                col += i + 1;
                if let Some(after) = line.strip_prefix('"') {
                    field.push('"');
                    line = after;
                    col += 1;
                } else if let Some(after) = line.strip_prefix(',') {
                    fields.push(std::mem::take(&mut field));
                    line = after;
                    col += 1;
                    break;
                } else if line.is_empty() || line == "\n" {
                    fields.push(field);
                    return Ok(fields);
                } else {
                    return Err(csv_error(start_line, lines.num_line, col - 1, CSV_QUOTE));
                }
            } else if !line.is_empty() {
                field.push_str(line);
                col += line.len();
                owned_next = lines.read_line().unwrap_or_default();
                line = &owned_next;
                if !line.is_empty() {
                    pos_line += 1;
                    col = 1;
                }
            } else {
                return Err(csv_error(start_line, pos_line, col, CSV_QUOTE));
            }
        }
    }
}

/// One CSV field as Go `encoding/csv` reads it back: quoted when it holds a comma, a quote,
/// a line break, or is empty.
// DIVERGENCE(kubectl): Go's CSV reader turns `\r\n` into `\n` even inside quotes, so a
// value containing `\r\n` cannot be written for a CSV-parsed flag and reads back changed.
pub(crate) fn csv_field(field: &str) -> String {
    let needs_quotes = field.is_empty() || field.contains([',', '"', '\n', '\r']);
    if needs_quotes {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

//! A decoded JSON document as a flat arena (no recursive drop, no recursion while parsing), and a
//! parser that accepts exactly what Go `encoding/json` accepts and fails with its `SyntaxError` text.

/// A node; children are indices into [`Doc::nodes`].
#[derive(Debug, Clone)]
pub(super) enum DocNode {
    Null,
    Bool(bool),
    /// Number literal as JSON text; for YAML documents also the text sigs.k8s.io/yaml would put
    /// into a string field (`strconv.FormatFloat(f, 'g', -1, 32)` / decimal int).
    Num(String, Option<Box<str>>),
    /// Decoded string; raw JSON text between the quotes when it differs (for `Quantity`).
    Str(String, Option<Box<str>>),
    Arr(Vec<u32>),
    Obj(Vec<(String, u32)>),
}

/// A document: nodes, root index, and whether it came through the YAML path.
#[derive(Debug, Default)]
pub(super) struct Doc {
    pub nodes: Vec<DocNode>,
    pub root: u32,
    pub yaml: bool,
}

impl Doc {
    pub(super) fn get(&self, i: u32) -> Option<&DocNode> {
        self.nodes.get(usize::try_from(i).ok()?)
    }

    pub(super) fn push(&mut self, n: DocNode) -> u32 {
        self.nodes.push(n);
        u32::try_from(self.nodes.len() - 1).unwrap_or(u32::MAX)
    }
}

/// Go `encoding/json` `maxNestingDepth`.
const MAX_DEPTH: usize = 10000;

fn bad(b: u8, ctx: &str) -> String {
    format!(
        "invalid character {} {ctx}",
        crate::go::quote::go_quote_rune(b)
    )
}

const EOF: &str = "unexpected end of JSON input";

enum Frame {
    Arr(Vec<u32>),
    Obj(Vec<(String, u32)>, Option<String>),
}

/// Parses `text` as Go `json.Unmarshal` would validate it (`checkValid`), returning Go's error text.
pub(super) fn parse_json(text: &str) -> Result<Doc, String> {
    let b = text.as_bytes();
    let mut i = 0usize;
    let mut doc = Doc::default();
    let mut stack: Vec<Frame> = Vec::new();
    let ws = |i: &mut usize| {
        while matches!(b.get(*i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            *i += 1;
        }
    };
    'value: loop {
        ws(&mut i);
        let Some(&c) = b.get(i) else {
            return Err(EOF.into());
        };
        let node = match c {
            b'{' | b'[' => {
                if stack.len() >= MAX_DEPTH {
                    return Err(bad(c, "exceeded max depth"));
                }
                i += 1;
                ws(&mut i);
                let close = if c == b'{' { b'}' } else { b']' };
                if b.get(i) == Some(&close) {
                    i += 1;
                    doc.push(if c == b'{' {
                        DocNode::Obj(Vec::new())
                    } else {
                        DocNode::Arr(Vec::new())
                    })
                } else if c == b'[' {
                    stack.push(Frame::Arr(Vec::new()));
                    continue 'value;
                } else {
                    let key = parse_key(b, &mut i)?;
                    stack.push(Frame::Obj(Vec::new(), Some(key)));
                    continue 'value;
                }
            }
            b'"' => {
                let (s, raw) = parse_string(b, &mut i)?;
                doc.push(DocNode::Str(s, raw))
            }
            b't' => lit(b, &mut i, "true", DocNode::Bool(true), &mut doc)?,
            b'f' => lit(b, &mut i, "false", DocNode::Bool(false), &mut doc)?,
            b'n' => lit(b, &mut i, "null", DocNode::Null, &mut doc)?,
            b'-' | b'0'..=b'9' => {
                let s = parse_number(b, &mut i)?;
                doc.push(DocNode::Num(s, None))
            }
            _ => return Err(bad(c, "looking for beginning of value")),
        };
        // Attach `node` to its parent, closing containers as they end.
        let mut node = node;
        loop {
            let Some(top) = stack.last_mut() else {
                ws(&mut i);
                if let Some(&c) = b.get(i) {
                    return Err(bad(c, "after top-level value"));
                }
                doc.root = node;
                return Ok(doc);
            };
            ws(&mut i);
            match top {
                Frame::Arr(items) => {
                    items.push(node);
                    match b.get(i) {
                        None => return Err(EOF.into()),
                        Some(b',') => {
                            i += 1;
                            continue 'value;
                        }
                        Some(b']') => i += 1,
                        Some(&c) => return Err(bad(c, "after array element")),
                    }
                }
                Frame::Obj(kv, key) => {
                    kv.push((key.take().unwrap_or_default(), node));
                    match b.get(i) {
                        None => return Err(EOF.into()),
                        Some(b',') => {
                            i += 1;
                            ws(&mut i);
                            *key = Some(parse_key(b, &mut i)?);
                            continue 'value;
                        }
                        Some(b'}') => i += 1,
                        Some(&c) => return Err(bad(c, "after object key:value pair")),
                    }
                }
            }
            node = match stack.pop() {
                Some(Frame::Arr(items)) => doc.push(DocNode::Arr(items)),
                Some(Frame::Obj(kv, _)) => doc.push(DocNode::Obj(kv)),
                None => node,
            };
        }
    }
}

/// An object key and the `:` after it (whitespace before the key already skipped).
fn parse_key(b: &[u8], i: &mut usize) -> Result<String, String> {
    match b.get(*i) {
        None => return Err(EOF.into()),
        Some(b'"') => {}
        Some(&c) => return Err(bad(c, "looking for beginning of object key string")),
    }
    let (k, _) = parse_string(b, i)?;
    while matches!(b.get(*i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        *i += 1;
    }
    match b.get(*i) {
        None => Err(EOF.into()),
        Some(b':') => {
            *i += 1;
            Ok(k)
        }
        Some(&c) => Err(bad(c, "after object key")),
    }
}

fn lit(b: &[u8], i: &mut usize, word: &str, n: DocNode, doc: &mut Doc) -> Result<u32, String> {
    for (k, w) in word.bytes().enumerate().skip(1) {
        match b.get(*i + k) {
            None => return Err(EOF.into()),
            Some(&c) if c != w => {
                return Err(bad(
                    c,
                    &format!(
                        "in literal {word} (expecting {})",
                        crate::go::quote::go_quote_rune(w)
                    ),
                ))
            }
            _ => {}
        }
    }
    *i += word.len();
    Ok(doc.push(n))
}

fn parse_number(b: &[u8], i: &mut usize) -> Result<String, String> {
    let start = *i;
    let digit = |c: Option<&u8>| matches!(c, Some(b'0'..=b'9'));
    if b.get(*i) == Some(&b'-') {
        *i += 1;
        match b.get(*i) {
            None => return Err(EOF.into()),
            Some(b'0'..=b'9') => {}
            Some(&c) => return Err(bad(c, "in numeric literal")),
        }
    }
    if b.get(*i) == Some(&b'0') {
        *i += 1;
    } else {
        while digit(b.get(*i)) {
            *i += 1;
        }
    }
    if b.get(*i) == Some(&b'.') {
        *i += 1;
        match b.get(*i) {
            None => return Err(EOF.into()),
            Some(b'0'..=b'9') => {}
            Some(&c) => return Err(bad(c, "after decimal point in numeric literal")),
        }
        while digit(b.get(*i)) {
            *i += 1;
        }
    }
    if matches!(b.get(*i), Some(b'e' | b'E')) {
        *i += 1;
        if matches!(b.get(*i), Some(b'+' | b'-')) {
            *i += 1;
        }
        match b.get(*i) {
            None => return Err(EOF.into()),
            Some(b'0'..=b'9') => {}
            Some(&c) => return Err(bad(c, "in exponent of numeric literal")),
        }
        while digit(b.get(*i)) {
            *i += 1;
        }
    }
    Ok(String::from_utf8_lossy(b.get(start..*i).unwrap_or(&[])).into_owned())
}

fn hex4(b: &[u8], at: usize) -> Option<u32> {
    let s = std::str::from_utf8(b.get(at..at + 4)?).ok()?;
    u32::from_str_radix(s, 16)
        .ok()
        .filter(|_| s.bytes().all(|c| c.is_ascii_hexdigit()))
}

/// A string starting at `b[*i] == '"'`: Go's unquoting (bad surrogates become U+FFFD).
fn parse_string(b: &[u8], i: &mut usize) -> Result<(String, Option<Box<str>>), String> {
    *i += 1;
    let start = *i;
    let mut out: Vec<u8> = Vec::new();
    let mut escaped = false;
    loop {
        let Some(&c) = b.get(*i) else {
            return Err(EOF.into());
        };
        match c {
            b'"' => break,
            b'\\' => {
                escaped = true;
                let Some(&e) = b.get(*i + 1) else {
                    return Err(EOF.into());
                };
                *i += 2;
                let simple = match e {
                    b'"' | b'\\' | b'/' => Some(e),
                    b'b' => Some(8),
                    b'f' => Some(12),
                    b'n' => Some(b'\n'),
                    b'r' => Some(b'\r'),
                    b't' => Some(b'\t'),
                    b'u' => None,
                    _ => return Err(bad(e, "in string escape code")),
                };
                if let Some(s) = simple {
                    out.push(s);
                    continue;
                }
                for k in 0..4 {
                    match b.get(*i + k) {
                        None => return Err(EOF.into()),
                        Some(h) if h.is_ascii_hexdigit() => {}
                        Some(&h) => return Err(bad(h, "in \\u hexadecimal character escape")),
                    }
                }
                let u = hex4(b, *i).unwrap_or(0xfffd);
                *i += 4;
                let mut ch = char::from_u32(u);
                if (0xd800..0xdc00).contains(&u)
                    && b.get(*i) == Some(&b'\\')
                    && b.get(*i + 1) == Some(&b'u')
                {
                    if let Some(lo) = hex4(b, *i + 2).filter(|lo| (0xdc00..0xe000).contains(lo)) {
                        ch = char::from_u32(0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00));
                        *i += 6;
                    }
                }
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.unwrap_or('\u{fffd}').encode_utf8(&mut buf).as_bytes());
            }
            0..=0x1f => return Err(bad(c, "in string literal")),
            _ => {
                out.push(c);
                *i += 1;
            }
        }
    }
    let raw = b.get(start..*i).unwrap_or(&[]);
    *i += 1;
    let s = String::from_utf8_lossy(&out).into_owned();
    let raw = escaped.then(|| String::from_utf8_lossy(raw).into_owned().into_boxed_str());
    Ok((s, raw))
}

#[cfg(test)]
mod tests;

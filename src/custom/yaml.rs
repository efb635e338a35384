//! sigs.k8s.io/yaml `yamlToJSON` on top of go-yaml v2 semantics: first document only, YAML 1.1
//! plain-scalar resolution as go-yaml v2 `resolve` does it, non-string keys stringified, maps
//! key-sorted (Go `json.Marshal` of `map[string]interface{}`), NaN/Inf rejected. The parser is a
//! port of libyaml's state machine (no recursion) over [`super::yaml_scan`].

use super::doc::{Doc, DocNode};
use super::yaml_parse::{empty, Event, Parser, ParserState};
use super::yaml_scalar::{resolve, PlainScalar};
use super::yaml_scan::{fail, Scanner, TokenKind};
use crate::go::float::{format_g32, format_g64, format_json_f64};

/// A resolved scalar: JSON node, or the key text sigs.k8s.io/yaml would use.
enum ResolvedScalar {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
}

/// go-yaml v2 `decoder.scalar` + `resolve` for a scalar with its resolved tag.
fn scalar(v: String, implicit: bool, tag: Option<&str>) -> Result<ResolvedScalar, String> {
    const P: &str = "tag:yaml.org,2002:";
    let short = tag.map(|t| {
        t.strip_prefix(P)
            .map_or(t.to_string(), |s| format!("!!{s}"))
    });
    let resolvable = match tag {
        None => true,
        Some(t) => matches!(
            t.strip_prefix(P),
            Some("str" | "bool" | "null" | "float" | "int" | "timestamp")
        ),
    };
    if short.as_deref() == Some("!!binary") {
        // go-yaml v2 `decoder.scalar`: base64 (padded, line breaks ignored), then `string(data)`.
        let data = base64_std(&v).ok_or_else(|| BAD_BASE64.to_string())?;
        return Ok(ResolvedScalar::Str(
            String::from_utf8_lossy(&data).into_owned(),
        ));
    }
    if (tag.is_none() && !implicit) || !resolvable || short.as_deref() == Some("!!str") {
        return Ok(ResolvedScalar::Str(v));
    }
    let (rtag, sc) = match resolve(&v) {
        PlainScalar::Null => ("!!null", ResolvedScalar::Null),
        PlainScalar::Bool(b) => ("!!bool", ResolvedScalar::Bool(b)),
        PlainScalar::Int(i) => ("!!int", ResolvedScalar::Int(i)),
        PlainScalar::Float(f) => ("!!float", ResolvedScalar::Float(f)),
        PlainScalar::Str => ("!!str", ResolvedScalar::Str(v.clone())),
    };
    match (short.as_deref(), sc) {
        (None | Some("!!timestamp"), ResolvedScalar::Str(s)) => Ok(ResolvedScalar::Str(s)),
        (Some("!!float"), ResolvedScalar::Int(i)) => Ok(ResolvedScalar::Float(i as f64)),
        (Some(t), sc) if t != rtag => {
            let _ = sc;
            Err(format!("yaml: cannot decode {rtag} `{v}` as a {t}"))
        }
        (_, sc) => Ok(sc),
    }
}

/// go-yaml's `failf` for a bad `!!binary` scalar (it aborts the decode: not a deferred error).
const BAD_BASE64: &str = "yaml: !!binary value contains invalid base64 data";

/// Go `base64.StdEncoding.DecodeString` (padding required; `\r` and `\n` ignored).
fn base64_std(text: &str) -> Option<Vec<u8>> {
    let six = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let bytes: Vec<u8> = text
        .bytes()
        .filter(|c| !matches!(c, b'\r' | b'\n'))
        .collect();
    if bytes.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let mut quads = bytes.chunks(4).peekable();
    while let Some(q) = quads.next() {
        let pad = q.iter().rev().take_while(|c| **c == b'=').count();
        if pad > 2 || (pad > 0 && quads.peek().is_some()) {
            return None;
        }
        let mut n: u32 = 0;
        for &c in q.iter().take(4 - pad) {
            n = (n << 6) | u32::from(six(c)?);
        }
        n <<= 6 * pad;
        let [_, a, b, c] = n.to_be_bytes();
        // Go's strict decoding is off for StdEncoding: non-zero trailing bits are accepted.
        out.extend_from_slice([a, b, c].get(..3 - pad).unwrap_or(&[]));
    }
    Some(out)
}

/// The map key sigs.k8s.io/yaml makes of a decoded key node.
fn key_of(n: Option<&DocNode>) -> Key {
    match n {
        Some(DocNode::Str(s, _)) => Key::Str(s.clone()),
        Some(DocNode::Bool(b)) => Key::Str(b.to_string()),
        Some(DocNode::Num(j, Some(g))) if j.contains(['.', 'e', 'E']) => Key::Str(g.to_string()),
        Some(DocNode::Num(j, _)) => Key::Str(j.clone()),
        // DIVERGENCE(kubectl): Go prints the key's type and `%#v` value here; approximated.
        Some(DocNode::Arr(_) | DocNode::Obj(_)) => Key::Bad("yaml: invalid map key".into()),
        _ => Key::Bad("unsupported map key of type: %!s(<nil>)".into()),
    }
}

enum Key {
    Str(String),
    Merge,
    Bad(String),
}

enum Frame {
    Seq(Vec<u32>, usize),
    Map(Vec<(String, u32)>, Option<Key>, usize),
}

/// Converts the first YAML document of `text` into a [`Doc`] (root `null` for an empty stream);
/// the error is the text after `error converting YAML to JSON: `.
pub(super) fn yaml_to_doc(text: &str) -> Result<Doc, String> {
    // go-yaml v2 reader: only printable characters are accepted.
    let printable = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
            || c >= '\u{10000}'
    };
    if !text.chars().all(printable) {
        return Err("yaml: control characters are not allowed".into());
    }
    let mut p = Parser {
        s: Scanner::new(text),
        states: Vec::new(),
        marks: Vec::new(),
    };
    let mut doc = Doc {
        yaml: true,
        ..Doc::default()
    };
    // Document start (libyaml `parse_document_start`, implicit then explicit).
    let explicit = match p.s.peek()?.t {
        TokenKind::StreamEnd => {
            doc.root = doc.push(DocNode::Null);
            return Ok(doc);
        }
        TokenKind::Directive | TokenKind::DocStart => true,
        _ => false,
    };
    if explicit {
        while matches!(p.s.peek()?.t, TokenKind::Directive) {
            p.s.skip_token();
        }
        let tok = p.s.peek()?;
        if tok.t != TokenKind::DocStart {
            let m = tok.m;
            return Err(fail(m, m, false, "did not find expected <document start>"));
        }
        p.s.skip_token();
    }
    p.states.push(ParserState::DocEnd);
    let bare = matches!(
        p.s.peek()?.t,
        TokenKind::Directive | TokenKind::DocStart | TokenKind::DocEnd | TokenKind::StreamEnd
    );
    let first = if explicit && bare {
        empty()
    } else {
        p.node(true, false)?
    };
    build(&mut p, &mut doc, first)?;
    Ok(doc)
}

/// Applies events to the document until the document end.
fn build(p: &mut Parser, doc: &mut Doc, first: Event) -> Result<(), String> {
    let mut stack: Vec<Frame> = Vec::new();
    // Anchors in definition order; `None` while the anchored collection is still open.
    let mut anchors: Vec<(String, Option<u32>)> = Vec::new();
    let mut deferred: Option<String> = None;
    let mut root = None;
    let mut ev = first;
    loop {
        let (node, anchor) = match ev {
            Event::DocEnd => break,
            Event::Start(map, anchor) => {
                if let Some(a) = anchor.clone() {
                    anchors.push((a, None));
                }
                let a = anchor.map_or(0, |_| anchors.len());
                stack.push(if map {
                    Frame::Map(Vec::new(), None, a)
                } else {
                    Frame::Seq(Vec::new(), a)
                });
                ev = p.next()?;
                continue;
            }
            Event::End => match stack.pop() {
                Some(Frame::Seq(items, a)) => (doc.push(DocNode::Arr(items)), a),
                Some(Frame::Map(mut kv, _, a)) => {
                    // json.Marshal of map[string]interface{}: last duplicate wins, keys sorted.
                    kv.reverse();
                    let mut kv = crate::go::sort::stable_sort_by_str(kv, |e| e.0.as_str());
                    kv.dedup_by(|a, b| a.0 == b.0);
                    (doc.push(DocNode::Obj(kv)), a)
                }
                None => (doc.push(DocNode::Null), 0),
            },
            Event::Alias(name) => match anchors.iter().rev().find(|(a, _)| *a == name) {
                Some((_, Some(n))) => (*n, 0),
                Some((_, None)) => {
                    deferred.get_or_insert(format!("yaml: anchor '{name}' value contains itself"));
                    (doc.push(DocNode::Null), 0)
                }
                None => return Err(format!("yaml: unknown anchor '{name}' referenced")),
            },
            Event::Scalar(v, implicit, tag, anchor) => {
                let merge =
                    v == "<<" && (implicit || tag.as_deref() == Some("tag:yaml.org,2002:merge"));
                let sc = scalar(v, implicit, tag.as_deref());
                if matches!(stack.last(), Some(Frame::Map(_, None, _))) {
                    let key = match sc {
                        _ if merge => Some(Key::Merge),
                        Ok(ResolvedScalar::Float(f)) if f.is_nan() => Some(Key::Str(".nan".into())),
                        Ok(ResolvedScalar::Float(f)) if f.is_infinite() => {
                            Some(Key::Str(if f > 0.0 { ".inf" } else { "-.inf" }.into()))
                        }
                        _ => None,
                    };
                    if let (Some(k), Some(Frame::Map(_, slot, _))) = (key, stack.last_mut()) {
                        *slot = Some(k);
                        ev = p.next()?;
                        continue;
                    }
                }
                let n = match sc {
                    Err(e) if e == BAD_BASE64 => return Err(e),
                    Err(e) => {
                        deferred.get_or_insert(e);
                        DocNode::Null
                    }
                    Ok(ResolvedScalar::Null) => DocNode::Null,
                    Ok(ResolvedScalar::Bool(b)) => DocNode::Bool(b),
                    Ok(ResolvedScalar::Int(i)) => {
                        let text = super::quantity::int_text(i);
                        DocNode::Num(text.clone(), Some(text.into()))
                    }
                    // Kept: sigs.k8s.io/yaml makes it a string (`FormatFloat(f, 'g', -1, 32)`)
                    // for a string field, and json.Marshal fails on it anywhere else
                    // (`model::unsupported_float`).
                    Ok(ResolvedScalar::Float(f)) if !f.is_finite() => {
                        DocNode::Num(format_g64(f).into(), Some(format_g32(f).into()))
                    }
                    Ok(ResolvedScalar::Float(f)) => {
                        DocNode::Num(format_json_f64(f), Some(format_g32(f).into()))
                    }
                    Ok(ResolvedScalar::Str(s)) => DocNode::Str(s, None),
                };
                let a = anchor.map_or(0, |a| {
                    anchors.push((a, None));
                    anchors.len()
                });
                (doc.push(n), a)
            }
        };
        if anchor != 0 {
            if let Some(x) = anchors.get_mut(anchor - 1) {
                x.1 = Some(node);
            }
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(items, _)) => items.push(node),
            Some(Frame::Map(kv, key, _)) => match key.take() {
                None => *key = Some(key_of(doc.get(node))),
                Some(Key::Merge) => {
                    if let Err(e) = merge(doc, node, kv) {
                        deferred.get_or_insert(e);
                    }
                }
                Some(Key::Str(k)) => kv.push((k, node)),
                Some(Key::Bad(e)) => {
                    deferred.get_or_insert(e);
                }
            },
        }
        ev = p.next()?;
    }
    if let Some(e) = deferred {
        return Err(e);
    }
    doc.root = match root {
        Some(r) => r,
        None => doc.push(DocNode::Null),
    };
    Ok(())
}

/// go-yaml v2 merge key (`<<: *anchor` or a list of them, earlier entries winning).
fn merge(doc: &Doc, node: u32, kv: &mut Vec<(String, u32)>) -> Result<(), String> {
    let want = || "yaml: map merge requires map or sequence of maps as the value".to_string();
    match doc.get(node) {
        Some(DocNode::Obj(m)) => kv.extend(m.iter().cloned()),
        Some(DocNode::Arr(items)) => {
            for &i in items.iter().rev() {
                match doc.get(i) {
                    Some(DocNode::Obj(m)) => kv.extend(m.iter().cloned()),
                    _ => return Err(want()),
                }
            }
        }
        _ => return Err(want()),
    }
    Ok(())
}

#[cfg(test)]
mod tests;

//! A port of the go-yaml v2 (libyaml) scanner: the token stream with simple-key insertion,
//! indentation tokens, and the same error texts and positions.

use std::collections::VecDeque;

/// go-yaml v2 `max_flow_level` / `max_indents`.
const MAX_DEPTH: usize = 10000;

/// A position: 0-based line and column, index in characters.
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub(super) struct Mark {
    pub line: usize,
    pub col: usize,
    pub idx: usize,
}

/// Token kinds (with their payloads).
#[derive(Debug, PartialEq)]
pub(super) enum TokenKind {
    StreamEnd,
    Directive,
    DocStart,
    DocEnd,
    BSeq,
    BMap,
    BEnd,
    FSeq,
    FSeqEnd,
    FMap,
    FMapEnd,
    BEntry,
    FEntry,
    Key,
    Value,
    Alias(String),
    Anchor(String),
    /// Tag handle and suffix.
    Tag(String, String),
    /// Value and whether it is plain.
    Scalar(String, bool),
}

pub(super) struct Token {
    pub t: TokenKind,
    pub m: Mark,
}

#[derive(Clone, Copy, Default)]
struct Key {
    possible: bool,
    required: bool,
    tok: usize,
    m: Mark,
}

/// go-yaml's `yaml: line N: msg` (line from the problem mark, else the context mark).
pub(super) fn fail(problem: Mark, context: Mark, scanner: bool, msg: &str) -> String {
    let line = if problem.line != 0 {
        problem.line + usize::from(scanner)
    } else {
        context.line
    };
    if line == 0 {
        format!("yaml: {msg}")
    } else {
        format!("yaml: line {line}: {msg}")
    }
}

pub(super) struct Scanner<'a> {
    pub(super) b: &'a [u8],
    pub(super) p: usize,
    pub(super) m: Mark,
    q: VecDeque<Token>,
    parsed: usize,
    done: bool,
    pub(super) indent: isize,
    indents: Vec<isize>,
    keys: Vec<Key>,
    pub(super) key_allowed: bool,
    pub(super) flow: usize,
    /// `%TAG` directives: handle and prefix.
    pub(super) tags: Vec<(String, String)>,
}

type R<V = ()> = Result<V, String>;

pub(super) fn is_alpha(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

impl<'a> Scanner<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let t = text.strip_prefix('\u{feff}').unwrap_or(text);
        Scanner {
            b: t.as_bytes(),
            p: 0,
            m: Mark::default(),
            q: VecDeque::new(),
            parsed: 0,
            done: false,
            indent: -1,
            indents: Vec::new(),
            keys: vec![Key::default()],
            key_allowed: true,
            flow: 0,
            tags: Vec::new(),
        }
    }

    pub(super) fn err(&self, msg: &str) -> String {
        fail(self.m, self.m, true, msg)
    }

    /// The next token (not consumed).
    pub(super) fn peek(&mut self) -> R<&Token> {
        self.fetch_more()?;
        self.q
            .front()
            .ok_or_else(|| self.err("found unexpected end of stream"))
    }

    pub(super) fn skip_token(&mut self) {
        if self.q.pop_front().is_some() {
            self.parsed += 1;
        }
    }

    fn key_valid(&mut self, i: usize) -> R<bool> {
        let m = self.m;
        let Some(k) = self.keys.get_mut(i) else {
            return Ok(false);
        };
        if !k.possible {
            return Ok(false);
        }
        if k.m.line < m.line || k.m.idx + 1024 < m.idx {
            if k.required {
                return Err(fail(m, k.m, true, "could not find expected ':'"));
            }
            k.possible = false;
            return Ok(false);
        }
        Ok(true)
    }

    fn fetch_more(&mut self) -> R {
        loop {
            let mut need = self.q.is_empty();
            if !need {
                for i in (0..self.keys.len()).rev() {
                    let tok = self.keys.get(i).map_or(0, |k| k.tok);
                    if tok < self.parsed {
                        break;
                    }
                    if self.key_valid(i)? && tok == self.parsed {
                        need = true;
                        break;
                    }
                }
            }
            if !need || self.done {
                return Ok(());
            }
            self.fetch_next()?;
        }
    }

    fn push(&mut self, t: TokenKind, m: Mark) {
        self.q.push_back(Token { t, m });
    }

    fn save_key(&mut self) -> R {
        let required = self.flow == 0 && self.indent == self.m.col as isize;
        if self.key_allowed {
            let k = Key {
                possible: true,
                required,
                tok: self.parsed + self.q.len(),
                m: self.m,
            };
            self.remove_key()?;
            if let Some(last) = self.keys.last_mut() {
                *last = k;
            }
        }
        Ok(())
    }

    fn remove_key(&mut self) -> R {
        if let Some(k) = self.keys.last_mut() {
            if k.possible && k.required {
                return Err(fail(self.m, k.m, true, "could not find expected ':'"));
            }
            k.possible = false;
        }
        Ok(())
    }

    fn roll_indent(&mut self, col: usize, number: Option<usize>, t: TokenKind, m: Mark) -> R {
        if self.flow > 0 || self.indent >= col as isize {
            return Ok(());
        }
        self.indents.push(self.indent);
        self.indent = col as isize;
        if self.indents.len() > MAX_DEPTH {
            return Err(self.err("exceeded max depth of 10000"));
        }
        let tok = Token { t, m };
        match number {
            Some(n) => self.q.insert((n - self.parsed).min(self.q.len()), tok),
            None => self.q.push_back(tok),
        }
        Ok(())
    }

    fn unroll_indent(&mut self, col: isize) {
        if self.flow > 0 {
            return;
        }
        while self.indent > col {
            self.push(TokenKind::BEnd, self.m);
            self.indent = self.indents.pop().unwrap_or(-1);
        }
    }

    fn fetch_next(&mut self) -> R {
        self.scan_to_next_token();
        self.unroll_indent(self.m.col as isize);
        let c = self.at(0);
        let m = self.m;
        if c == 0 {
            if self.m.col != 0 {
                self.m.col = 0;
                self.m.line += 1;
            }
            self.unroll_indent(-1);
            self.remove_key()?;
            self.key_allowed = false;
            self.done = true;
            self.push(TokenKind::StreamEnd, self.m);
            return Ok(());
        }
        let doc = |x: u8| (0..3).all(|k| self.at(k) == x) && self.is_blankz(3);
        if m.col == 0 && (c == b'%' || doc(b'-') || doc(b'.')) {
            self.unroll_indent(-1);
            self.remove_key()?;
            self.key_allowed = false;
            if c == b'%' {
                // DIVERGENCE(kubectl): directive values are not checked (a `%TAG` is taken as
                // its first two words, handle and prefix).
                self.skip();
                let mut name = Vec::new();
                while is_alpha(self.at(0)) {
                    self.read(&mut name);
                }
                if name != b"YAML" && name != b"TAG" {
                    return Err(fail(self.m, m, true, "found unknown directive name"));
                }
                let mut value = Vec::new();
                while !self.is_breakz(0) {
                    self.read(&mut value);
                }
                let mut words = std::str::from_utf8(&value)
                    .unwrap_or_default()
                    .split_ascii_whitespace();
                if let (b"TAG", Some(handle), Some(prefix)) =
                    (name.as_slice(), words.next(), words.next())
                {
                    self.tags.push((handle.to_string(), prefix.to_string()));
                }
                self.push(TokenKind::Directive, m);
            } else {
                self.skip();
                self.skip();
                self.skip();
                self.push(
                    if c == b'-' {
                        TokenKind::DocStart
                    } else {
                        TokenKind::DocEnd
                    },
                    m,
                );
            }
            return Ok(());
        }
        let blankz1 = self.is_blankz(1);
        match c {
            b'[' | b'{' => {
                self.save_key()?;
                self.keys.push(Key::default());
                self.flow += 1;
                if self.flow > MAX_DEPTH {
                    return Err(self.err("exceeded max depth of 10000"));
                }
                self.key_allowed = true;
                self.skip();
                self.push(
                    if c == b'[' {
                        TokenKind::FSeq
                    } else {
                        TokenKind::FMap
                    },
                    m,
                );
            }
            b']' | b'}' => {
                self.remove_key()?;
                if self.flow > 0 {
                    self.flow -= 1;
                    self.keys.pop();
                }
                self.key_allowed = false;
                self.skip();
                self.push(
                    if c == b']' {
                        TokenKind::FSeqEnd
                    } else {
                        TokenKind::FMapEnd
                    },
                    m,
                );
            }
            b',' => {
                self.remove_key()?;
                self.key_allowed = true;
                self.skip();
                self.push(TokenKind::FEntry, m);
            }
            b'-' if blankz1 => {
                if self.flow == 0 {
                    if !self.key_allowed {
                        return Err(
                            self.err("block sequence entries are not allowed in this context")
                        );
                    }
                    self.roll_indent(m.col, None, TokenKind::BSeq, m)?;
                }
                self.remove_key()?;
                self.key_allowed = true;
                self.skip();
                self.push(TokenKind::BEntry, m);
            }
            b'?' if self.flow > 0 || blankz1 => {
                if self.flow == 0 {
                    if !self.key_allowed {
                        return Err(self.err("mapping keys are not allowed in this context"));
                    }
                    self.roll_indent(m.col, None, TokenKind::BMap, m)?;
                }
                self.remove_key()?;
                self.key_allowed = self.flow == 0;
                self.skip();
                self.push(TokenKind::Key, m);
            }
            b':' if self.flow > 0 || blankz1 => {
                let last = self.keys.len().saturating_sub(1);
                if self.key_valid(last)? {
                    let k = self.keys.get(last).copied().unwrap_or_default();
                    let at = k.tok.saturating_sub(self.parsed).min(self.q.len());
                    self.q.insert(
                        at,
                        Token {
                            t: TokenKind::Key,
                            m: k.m,
                        },
                    );
                    self.roll_indent(k.m.col, Some(k.tok), TokenKind::BMap, k.m)?;
                    if let Some(k) = self.keys.last_mut() {
                        k.possible = false;
                    }
                    self.key_allowed = false;
                } else {
                    if self.flow == 0 {
                        if !self.key_allowed {
                            return Err(self.err("mapping values are not allowed in this context"));
                        }
                        self.roll_indent(m.col, None, TokenKind::BMap, m)?;
                    }
                    self.key_allowed = self.flow == 0;
                }
                self.skip();
                self.push(TokenKind::Value, m);
            }
            b'*' | b'&' => {
                self.save_key()?;
                self.key_allowed = false;
                self.skip();
                let mut s = Vec::new();
                while is_alpha(self.at(0)) {
                    self.read(&mut s);
                }
                if s.is_empty() || !(self.is_blankz(0) || b"?:,]}%@`".contains(&self.at(0))) {
                    return Err(self.err("did not find expected alphabetic or numeric character"));
                }
                let s = String::from_utf8_lossy(&s).into_owned();
                self.push(
                    if c == b'*' {
                        TokenKind::Alias(s)
                    } else {
                        TokenKind::Anchor(s)
                    },
                    m,
                );
            }
            b'!' => {
                self.save_key()?;
                self.key_allowed = false;
                let t = self.scan_tag()?;
                self.push(t, m);
            }
            b'|' | b'>' if self.flow == 0 => {
                self.remove_key()?;
                self.key_allowed = true;
                let s = self.scan_block_scalar(c == b'|')?;
                self.push(TokenKind::Scalar(s, false), m);
            }
            b'\'' | b'"' => {
                self.save_key()?;
                self.key_allowed = false;
                let s = self.scan_flow_scalar(c == b'\'')?;
                self.push(TokenKind::Scalar(s, false), m);
            }
            _ if !(self.is_blankz(0) || b"-?:,[]{}#&*!|>'\"%@`".contains(&c))
                || (c == b'-' && !self.is_blank(1))
                || (self.flow == 0 && (c == b'?' || c == b':') && !blankz1) =>
            {
                self.save_key()?;
                self.key_allowed = false;
                let s = self.scan_plain_scalar()?;
                self.push(TokenKind::Scalar(s, true), m);
            }
            _ => return Err(self.err("found character that cannot start any token")),
        }
        Ok(())
    }
}

//! The reader helpers, whitespace/comment skipping, and the scalar, tag and block-scalar scanners of [`super::yaml_scan::Scanner`] (go-yaml v2
//! `yaml_parser_scan_*`), with libyaml's line folding.

use super::yaml_scan::{is_alpha, Scanner, TokenKind};

type R<V = ()> = Result<V, String>;

impl Scanner<'_> {
    pub(super) fn at(&self, k: usize) -> u8 {
        self.b.get(self.p + k).copied().unwrap_or(0)
    }

    pub(super) fn is_break(&self, k: usize) -> bool {
        match self.at(k) {
            b'\r' | b'\n' => true,
            0xc2 => self.at(k + 1) == 0x85,
            0xe2 => self.at(k + 1) == 0x80 && matches!(self.at(k + 2), 0xa8 | 0xa9),
            _ => false,
        }
    }

    pub(super) fn is_blank(&self, k: usize) -> bool {
        matches!(self.at(k), b' ' | b'\t')
    }

    pub(super) fn is_blankz(&self, k: usize) -> bool {
        self.is_blank(k) || self.at(k) == 0 || self.is_break(k)
    }

    pub(super) fn is_breakz(&self, k: usize) -> bool {
        self.at(k) == 0 || self.is_break(k)
    }

    fn width(&self) -> usize {
        match self.at(0) {
            0 => 0,
            c if c < 0x80 => 1,
            c if c >= 0xf0 => 4,
            c if c >= 0xe0 => 3,
            _ => 2,
        }
    }

    pub(super) fn skip(&mut self) {
        self.p += self.width();
        self.m.idx += 1;
        self.m.col += 1;
    }

    pub(super) fn skip_line(&mut self) {
        if self.at(0) == b'\r' && self.at(1) == b'\n' {
            self.p += 2;
            self.m.idx += 2;
        } else if self.is_break(0) {
            self.p += self.width();
            self.m.idx += 1;
        } else {
            return;
        }
        self.m.col = 0;
        self.m.line += 1;
    }

    pub(super) fn read(&mut self, s: &mut Vec<u8>) {
        let w = self.width();
        s.extend_from_slice(self.b.get(self.p..self.p + w).unwrap_or(&[]));
        self.skip();
    }

    pub(super) fn read_line(&mut self, s: &mut Vec<u8>) {
        if self.at(0) == 0xe2 {
            self.read(s);
        } else {
            s.push(b'\n');
        }
        self.skip_line();
    }

    pub(super) fn scan_to_next_token(&mut self) {
        loop {
            while self.at(0) == b' '
                || ((self.flow > 0 || !self.key_allowed) && self.at(0) == b'\t')
            {
                self.skip();
            }
            if self.at(0) == b'#' {
                while !self.is_breakz(0) {
                    self.skip();
                }
            }
            if !self.is_break(0) {
                return;
            }
            self.skip_line();
            if self.flow == 0 {
                self.key_allowed = true;
            }
        }
    }

    pub(super) fn scan_tag(&mut self) -> R<TokenKind> {
        let uri = |s: &mut Self, out: &mut Vec<u8>| {
            while is_alpha(s.at(0)) || b";/?:@&=+$,.!~*'()[]%".contains(&s.at(0)) {
                s.read(out);
            }
        };
        let (mut handle, mut suffix) = (Vec::new(), Vec::new());
        if self.at(1) == b'<' {
            self.skip();
            self.skip();
            uri(self, &mut suffix);
            if suffix.is_empty() {
                return Err(self.err("did not find expected tag URI"));
            }
            if self.at(0) != b'>' {
                return Err(self.err("did not find the expected '>'"));
            }
            self.skip();
        } else {
            self.read(&mut handle);
            while is_alpha(self.at(0)) {
                self.read(&mut handle);
            }
            if self.at(0) == b'!' {
                self.read(&mut handle);
                uri(self, &mut suffix);
                if suffix.is_empty() {
                    return Err(self.err("did not find expected tag URI"));
                }
            } else {
                suffix = handle.get(1..).unwrap_or(&[]).to_vec();
                uri(self, &mut suffix);
                handle = b"!".to_vec();
                if suffix.is_empty() {
                    std::mem::swap(&mut handle, &mut suffix);
                }
            }
        }
        if !self.is_blankz(0) {
            return Err(self.err("did not find expected whitespace or line break"));
        }
        let s = |v: Vec<u8>| String::from_utf8_lossy(&v).into_owned();
        Ok(TokenKind::Tag(s(handle), s(suffix)))
    }

    /// Spaces and breaks before block scalar content: detects the indentation when unknown.
    fn block_breaks(&mut self, indent: &mut usize, breaks: &mut Vec<u8>) -> R {
        let mut max = 0;
        loop {
            while (*indent == 0 || self.m.col < *indent) && self.at(0) == b' ' {
                self.skip();
            }
            max = max.max(self.m.col);
            if (*indent == 0 || self.m.col < *indent) && self.at(0) == b'\t' {
                return Err(
                    self.err("found a tab character where an indentation space is expected")
                );
            }
            if !self.is_break(0) {
                break;
            }
            self.read_line(breaks);
        }
        if *indent == 0 {
            let min = usize::try_from(self.indent + 1).unwrap_or(0);
            *indent = max.max(min).max(1);
        }
        Ok(())
    }

    pub(super) fn scan_block_scalar(&mut self, literal: bool) -> R<String> {
        self.skip();
        let mut chomp = 0i8;
        let mut inc = 0usize;
        for _ in 0..2 {
            match self.at(0) {
                b'+' | b'-' if chomp == 0 => chomp = if self.at(0) == b'+' { 1 } else { -1 },
                b'0' if inc == 0 => {
                    return Err(self.err("found an indentation indicator equal to 0"));
                }
                c @ b'1'..=b'9' if inc == 0 => inc = usize::from(c - b'0'),
                _ => break,
            }
            self.skip();
        }
        while self.is_blank(0) {
            self.skip();
        }
        if self.at(0) == b'#' {
            while !self.is_breakz(0) {
                self.skip();
            }
        }
        if !self.is_breakz(0) {
            return Err(self.err("did not find expected comment or line break"));
        }
        self.skip_line();
        let mut indent = if inc > 0 {
            usize::try_from(self.indent.max(0)).unwrap_or(0) + inc
        } else {
            0
        };
        let (mut s, mut lead, mut trail) = (Vec::new(), Vec::new(), Vec::new());
        self.block_breaks(&mut indent, &mut trail)?;
        let mut leading_blank = false;
        while self.m.col == indent && self.at(0) != 0 {
            let trailing_blank = self.is_blank(0);
            if !literal && !leading_blank && !trailing_blank && lead.first() == Some(&b'\n') {
                if trail.is_empty() {
                    s.push(b' ');
                }
            } else {
                s.append(&mut lead);
            }
            lead.clear();
            s.append(&mut trail);
            leading_blank = self.is_blank(0);
            while !self.is_breakz(0) {
                self.read(&mut s);
            }
            if self.at(0) == 0 {
                break;
            }
            self.read_line(&mut lead);
            self.block_breaks(&mut indent, &mut trail)?;
        }
        if chomp != -1 {
            s.append(&mut lead);
        }
        if chomp == 1 {
            s.append(&mut trail);
        }
        Ok(String::from_utf8_lossy(&s).into_owned())
    }

    pub(super) fn scan_flow_scalar(&mut self, single: bool) -> R<String> {
        self.skip();
        let (mut s, mut lead, mut trail, mut ws) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let q = if single { b'\'' } else { b'"' };
        loop {
            let doc = |x: u8| (0..3).all(|k| self.at(k) == x) && self.is_blankz(3);
            if self.m.col == 0 && (doc(b'-') || doc(b'.')) {
                return Err(self.err("found unexpected document indicator"));
            }
            if self.at(0) == 0 {
                return Err(self.err("found unexpected end of stream"));
            }
            let mut leading_blanks = false;
            while !self.is_blankz(0) {
                let c = self.at(0);
                if single && c == b'\'' && self.at(1) == b'\'' {
                    s.push(b'\'');
                    self.skip();
                    self.skip();
                } else if c == q {
                    break;
                } else if !single && c == b'\\' && self.is_break(1) {
                    self.skip();
                    self.skip_line();
                    leading_blanks = true;
                    break;
                } else if !single && c == b'\\' {
                    self.escape(&mut s)?;
                } else {
                    self.read(&mut s);
                }
            }
            if self.at(0) == q {
                break;
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_blank(0) {
                    if leading_blanks {
                        self.skip();
                    } else {
                        self.read(&mut ws);
                    }
                } else if leading_blanks {
                    self.read_line(&mut trail);
                } else {
                    ws.clear();
                    self.read_line(&mut lead);
                    leading_blanks = true;
                }
            }
            fold(&mut s, leading_blanks, &mut lead, &mut trail, &mut ws);
        }
        self.skip();
        Ok(String::from_utf8_lossy(&s).into_owned())
    }

    fn escape(&mut self, s: &mut Vec<u8>) -> R {
        let simple: &[u8] = match self.at(1) {
            b'0' => b"\0",
            b'a' => b"\x07",
            b'b' => b"\x08",
            b't' | b'\t' => b"\t",
            b'n' => b"\n",
            b'v' => b"\x0b",
            b'f' => b"\x0c",
            b'r' => b"\r",
            b'e' => b"\x1b",
            b' ' => b" ",
            b'"' => b"\"",
            b'\'' => b"'",
            b'\\' => b"\\",
            b'N' => "\u{85}".as_bytes(),
            b'_' => "\u{a0}".as_bytes(),
            b'L' => "\u{2028}".as_bytes(),
            b'P' => "\u{2029}".as_bytes(),
            b'x' | b'u' | b'U' => b"",
            _ => return Err(self.err("found unknown escape character")),
        };
        let len = match self.at(1) {
            b'x' => 2,
            b'u' => 4,
            b'U' => 8,
            _ => 0,
        };
        s.extend_from_slice(simple);
        self.skip();
        self.skip();
        if len > 0 {
            let mut v = 0u32;
            for k in 0..len {
                let d = char::from(self.at(k)).to_digit(16);
                let Some(d) = d else {
                    return Err(self.err("did not find expected hexdecimal number"));
                };
                v = (v << 4) | d;
            }
            let Some(ch) = char::from_u32(v) else {
                return Err(self.err("found invalid Unicode character escape code"));
            };
            let mut buf = [0u8; 4];
            s.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            for _ in 0..len {
                self.skip();
            }
        }
        Ok(())
    }

    pub(super) fn scan_plain_scalar(&mut self) -> R<String> {
        let (mut s, mut lead, mut trail, mut ws) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut leading_blanks = false;
        let indent = self.indent + 1;
        loop {
            let doc = |x: u8| (0..3).all(|k| self.at(k) == x) && self.is_blankz(3);
            if (self.m.col == 0 && (doc(b'-') || doc(b'.'))) || self.at(0) == b'#' {
                break;
            }
            while !self.is_blankz(0) {
                let c = self.at(0);
                if (c == b':' && self.is_blankz(1)) || (self.flow > 0 && b",?[]{}".contains(&c)) {
                    break;
                }
                if leading_blanks || !ws.is_empty() {
                    fold(&mut s, leading_blanks, &mut lead, &mut trail, &mut ws);
                    leading_blanks = false;
                }
                self.read(&mut s);
            }
            if !(self.is_blank(0) || self.is_break(0)) {
                break;
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_blank(0) {
                    if leading_blanks && (self.m.col as isize) < indent && self.at(0) == b'\t' {
                        return Err(self.err("found a tab character that violates indentation"));
                    }
                    if leading_blanks {
                        self.skip();
                    } else {
                        self.read(&mut ws);
                    }
                } else if leading_blanks {
                    self.read_line(&mut trail);
                } else {
                    ws.clear();
                    self.read_line(&mut lead);
                    leading_blanks = true;
                }
            }
            if self.flow == 0 && (self.m.col as isize) < indent {
                break;
            }
        }
        if leading_blanks {
            self.key_allowed = true;
        }
        Ok(String::from_utf8_lossy(&s).into_owned())
    }
}

/// Line folding between scalar chunks (libyaml's leading/trailing break handling).
fn fold(s: &mut Vec<u8>, leading: bool, lead: &mut Vec<u8>, trail: &mut Vec<u8>, ws: &mut Vec<u8>) {
    if leading {
        if lead.first() == Some(&b'\n') {
            if trail.is_empty() {
                s.push(b' ');
            } else {
                s.append(trail);
            }
        } else {
            s.append(lead);
            s.append(trail);
        }
        trail.clear();
        lead.clear();
    } else {
        s.append(ws);
    }
}

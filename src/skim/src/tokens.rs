//! A token cursor over JSON text already read by this crate's reader (so valid JSON): the
//! primitives of kubedebug's typed check of skimmed subtrees (`src/typed/text.rs`), here so
//! that they are compiled for speed with the rest of the hot path. Anything unexpected gives
//! `None`; nothing here builds a value or allocates.

/// A position in JSON text.
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Tokens { text, pos: 0 }
    }

    /// Skip whitespace and return the next byte, if any.
    #[inline]
    pub fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// Consume `b` after whitespace.
    #[inline]
    pub fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.pos += 1)
    }

    /// Where the cursor is (a byte offset).
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Move the cursor back to `pos`.
    pub fn set_pos(&mut self, pos: usize) {
        self.pos = pos;
    }

    /// At `"`: the text between the quotes (escapes kept), the cursor after the closing one.
    pub fn string(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let start = self.pos + 1;
        let mut j = start;
        loop {
            j += crate::swar::special::<false>(bytes.get(j..)?)?;
            if bytes.get(j) == Some(&b'"') {
                break;
            }
            j += 2;
        }
        self.pos = j + 1;
        self.text.get(start..j)
    }

    /// A number's or literal's text (empty when none starts here).
    pub fn scalar(&mut self) -> &'a str {
        let start = self.pos;
        let rest = self.text.as_bytes().get(start..).unwrap_or_default();
        self.pos += rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.')))
            .unwrap_or(rest.len());
        self.text.get(start..self.pos).unwrap_or_default()
    }

    /// Skip one value without looking inside (no recursion: nesting is counted).
    pub fn skip(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.pos += 1;
                }
                b',' | b':' if depth > 0 => self.pos += 1,
                _ => {
                    if self.scalar().is_empty() {
                        return None;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests;

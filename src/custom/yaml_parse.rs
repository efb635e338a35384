//! The libyaml / go-yaml v2 parser state machine (first document only, no recursion): turns
//! [`super::yaml_scan`] tokens into events with go-yaml's parser error texts and positions.

use super::yaml_scan::{fail, Mark, Scanner, TokenKind};

/// Parser states (libyaml `yaml_parser_state_t`, first-document subset).
#[derive(Clone, Copy, PartialEq)]
pub(super) enum ParserState {
    DocEnd,
    BSeqFirst,
    BSeq,
    ISeq,
    BMapFirst,
    BMapKey,
    BMapValue,
    FSeqFirst,
    FSeq,
    FSeqMapKey,
    FSeqMapValue,
    FSeqMapEnd,
    FMapFirst,
    FMapKey,
    FMapValue,
    FMapEmpty,
}

pub(super) enum Event {
    /// Value, plain-implicit, resolved tag, anchor.
    Scalar(String, bool, Option<String>, Option<String>),
    Alias(String),
    Start(bool, Option<String>),
    End,
    DocEnd,
}

pub(super) struct Parser<'a> {
    pub s: Scanner<'a>,
    pub states: Vec<ParserState>,
    pub marks: Vec<Mark>,
}

type R<V> = Result<V, String>;

pub(super) fn empty() -> Event {
    Event::Scalar(String::new(), true, None, None)
}

impl Parser<'_> {
    /// The event of the current state (the top of the state stack).
    pub(super) fn next(&mut self) -> R<Event> {
        let st = self.pop();
        self.step(st)
    }

    fn pop(&mut self) -> ParserState {
        self.states.pop().unwrap_or(ParserState::DocEnd)
    }

    /// A parser error (`problem` at the token, `context` at the collection start).
    fn perr(&mut self, problem: Mark, msg: &str) -> String {
        let ctx = self.marks.pop().unwrap_or_default();
        fail(problem, ctx, false, msg)
    }

    pub(super) fn node(&mut self, block: bool, indentless: bool) -> R<Event> {
        let (mut anchor, mut tag) = (None, None);
        let start = self.s.peek()?.m;
        let mut tag_mark = start;
        loop {
            let tok = self.s.peek()?;
            match &tok.t {
                TokenKind::Alias(a) if anchor.is_none() && tag.is_none() => {
                    let a = a.clone();
                    self.s.skip_token();
                    return Ok(Event::Alias(a));
                }
                TokenKind::Anchor(a) if anchor.is_none() => anchor = Some(a.clone()),
                TokenKind::Tag(h, s) if tag.is_none() => {
                    tag_mark = tok.m;
                    tag = Some((h.clone(), s.clone()));
                }
                _ => break,
            }
            self.s.skip_token();
        }
        let tag = match tag {
            None => None,
            Some((h, s)) => Some(match self.s.tags.iter().rev().find(|(th, _)| *th == h) {
                Some((_, prefix)) => format!("{prefix}{s}"),
                None => match h.as_str() {
                    "" => s,
                    "!" => format!("!{s}"),
                    "!!" => format!("tag:yaml.org,2002:{s}"),
                    _ => return Err(fail(tag_mark, start, false, "found undefined tag handle")),
                },
            }),
        };
        let tok = self.s.peek()?;
        let next = match &tok.t {
            TokenKind::BEntry if indentless => ParserState::ISeq,
            TokenKind::Scalar(v, plain) => {
                let implicit = (tag.is_none() && *plain) || tag.as_deref() == Some("!");
                let ev = Event::Scalar(v.clone(), implicit, tag, anchor);
                self.s.skip_token();
                return Ok(ev);
            }
            TokenKind::FSeq => ParserState::FSeqFirst,
            TokenKind::FMap => ParserState::FMapFirst,
            TokenKind::BSeq if block => ParserState::BSeqFirst,
            TokenKind::BMap if block => ParserState::BMapFirst,
            _ if anchor.is_some() || tag.is_some() => {
                return Ok(Event::Scalar(String::new(), tag.is_none(), tag, anchor));
            }
            _ => {
                let m = tok.m;
                return Err(fail(m, start, false, "did not find expected node content"));
            }
        };
        self.states.push(next);
        Ok(Event::Start(
            matches!(next, ParserState::FMapFirst | ParserState::BMapFirst),
            anchor,
        ))
    }

    /// Runs state `st` (already popped) and returns its event.
    fn step(&mut self, st: ParserState) -> R<Event> {
        use ParserState::*;
        if matches!(st, BSeqFirst | BMapFirst | FSeqFirst | FMapFirst) {
            let m = self.s.peek()?.m;
            self.marks.push(m);
            self.s.skip_token();
        }
        let tok = self.s.peek()?;
        let m = tok.m;
        let is = |t: &TokenKind| std::mem::discriminant(&tok.t) == std::mem::discriminant(t);
        match st {
            DocEnd => {
                if is(&TokenKind::DocEnd) {
                    self.s.skip_token();
                }
                Ok(Event::DocEnd)
            }
            BSeqFirst | BSeq | ISeq => {
                if is(&TokenKind::BEntry) {
                    self.s.skip_token();
                    let t = &self.s.peek()?.t;
                    let stop = matches!(t, TokenKind::BEntry | TokenKind::BEnd)
                        || (st == ISeq && matches!(t, TokenKind::Key | TokenKind::Value));
                    self.states.push(if st == ISeq { ISeq } else { BSeq });
                    return if stop {
                        Ok(self.empty_st())
                    } else {
                        self.node(true, false)
                    };
                }
                if st == ISeq {
                    return Ok(Event::End);
                }
                if is(&TokenKind::BEnd) {
                    self.marks.pop();
                    self.s.skip_token();
                    return Ok(Event::End);
                }
                Err(self.perr(m, "did not find expected '-' indicator"))
            }
            BMapFirst | BMapKey | BMapValue => {
                let want = if st == BMapValue {
                    TokenKind::Value
                } else {
                    TokenKind::Key
                };
                if is(&want) {
                    self.s.skip_token();
                    let t = &self.s.peek()?.t;
                    let stop = matches!(t, TokenKind::Key | TokenKind::Value | TokenKind::BEnd);
                    self.states
                        .push(if st == BMapValue { BMapKey } else { BMapValue });
                    return if stop {
                        Ok(self.empty_st())
                    } else {
                        self.node(true, true)
                    };
                }
                if st == BMapValue {
                    self.states.push(BMapKey);
                    return Ok(self.empty_st());
                }
                if is(&TokenKind::BEnd) {
                    self.marks.pop();
                    self.s.skip_token();
                    return Ok(Event::End);
                }
                Err(self.perr(m, "did not find expected key"))
            }
            FSeqFirst | FSeq | FMapFirst | FMapKey => {
                let seq = matches!(st, FSeqFirst | FSeq);
                let end = if seq {
                    TokenKind::FSeqEnd
                } else {
                    TokenKind::FMapEnd
                };
                if !is(&end) {
                    if !matches!(st, FSeqFirst | FMapFirst) {
                        if !is(&TokenKind::FEntry) {
                            let msg = if seq {
                                "did not find expected ',' or ']'"
                            } else {
                                "did not find expected ',' or '}'"
                            };
                            return Err(self.perr(m, msg));
                        }
                        self.s.skip_token();
                    }
                    let t = &self.s.peek()?.t;
                    if matches!(t, TokenKind::Key) {
                        self.s.skip_token();
                        if seq {
                            self.states.push(FSeqMapKey);
                            return Ok(Event::Start(true, None));
                        }
                        let t = &self.s.peek()?.t;
                        self.states.push(FMapValue);
                        return if matches!(
                            t,
                            TokenKind::Value | TokenKind::FEntry | TokenKind::FMapEnd
                        ) {
                            Ok(self.empty_st())
                        } else {
                            self.node(false, false)
                        };
                    }
                    if std::mem::discriminant(t) != std::mem::discriminant(&end) {
                        self.states.push(if seq { FSeq } else { FMapEmpty });
                        return self.node(false, false);
                    }
                }
                self.marks.pop();
                self.s.skip_token();
                Ok(Event::End)
            }
            FSeqMapKey => {
                self.states.push(FSeqMapValue);
                if matches!(
                    tok.t,
                    TokenKind::Value | TokenKind::FEntry | TokenKind::FSeqEnd
                ) {
                    // libyaml skips the token here even when it is not a ':' (its known quirk).
                    self.s.skip_token();
                    return Ok(self.empty_st());
                }
                self.node(false, false)
            }
            FSeqMapValue | FMapValue => {
                let end = if st == FMapValue {
                    TokenKind::FMapEnd
                } else {
                    TokenKind::FSeqEnd
                };
                self.states
                    .push(if st == FMapValue { FMapKey } else { FSeqMapEnd });
                if is(&TokenKind::Value) {
                    self.s.skip_token();
                    let t = &self.s.peek()?.t;
                    if !matches!(t, TokenKind::FEntry)
                        && std::mem::discriminant(t) != std::mem::discriminant(&end)
                    {
                        return self.node(false, false);
                    }
                }
                Ok(self.empty_st())
            }
            FSeqMapEnd => {
                self.states.push(FSeq);
                Ok(Event::End)
            }
            FMapEmpty => {
                self.states.push(FMapKey);
                Ok(self.empty_st())
            }
        }
    }

    fn empty_st(&self) -> Event {
        empty()
    }
}

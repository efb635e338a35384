//! Splitting a pasted shell command line into words.

use crate::error::{Code, Error};

/// Splits a pasted command line into words like a POSIX shell (without expansions):
/// whitespace separates words; `'…'` is literal; `"…"` allows `\` before `$`, `` ` ``,
/// `"`, `\` and newline; `\` outside quotes escapes the next character; `\` + newline
/// joins lines; an unquoted `#` at the start of a word starts a comment.
// DIVERGENCE(kubectl): no variable, command, glob or tilde expansion, and operators such as
// `|` or `;` are ordinary characters.
pub fn split_command_line(line: &str) -> Result<Vec<String>, Error> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '#' if !in_word => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        break;
                    }
                }
            }
            '\'' => {
                in_word = true;
                read_single_quoted(&mut chars, &mut word)?;
            }
            '"' => {
                in_word = true;
                read_double_quoted(&mut chars, &mut word)?;
            }
            '\\' => match chars.next() {
                Some('\n') => {}
                Some(escaped) => {
                    in_word = true;
                    word.push(escaped);
                }
                None => return Err(shell_error("a trailing backslash escapes nothing")),
            },
            other => {
                in_word = true;
                word.push(other);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

fn shell_error(what: &str) -> Error {
    Error::new(
        Code::InvalidInput,
        format!("cannot split the command line: {what}"),
    )
}

/// The rest of a `'…'` string (after the opening quote).
fn read_single_quoted(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    word: &mut String,
) -> Result<(), Error> {
    for c in chars.by_ref() {
        if c == '\'' {
            return Ok(());
        }
        word.push(c);
    }
    Err(shell_error("unterminated single quote"))
}

/// The rest of a `"…"` string (after the opening quote).
fn read_double_quoted(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    word: &mut String,
) -> Result<(), Error> {
    while let Some(c) = chars.next() {
        match c {
            '"' => return Ok(()),
            '\\' => match chars.peek().copied() {
                Some('\n') => {
                    chars.next();
                }
                Some(e @ ('$' | '`' | '"' | '\\')) => {
                    chars.next();
                    word.push(e);
                }
                _ => word.push('\\'),
            },
            other => word.push(other),
        }
    }
    Err(shell_error("unterminated double quote"))
}

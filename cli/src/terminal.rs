//! How text is shown: colour as ripgrep colours (the file in magenta, the line number in green,
//! the matched text in bold red, headings in bold) on a terminal only, never when piped or when
//! `NO_COLOR` is set; paragraphs wrapped at the terminal's width, between words.

use std::io::IsTerminal as _;

/// How the answer is written to standard output.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    colour: bool,
    /// The terminal's width in columns, when standard output is one.
    width: Option<usize>,
}

impl Style {
    /// For standard output as it is now.
    pub(crate) fn stdout() -> Style {
        let terminal = std::io::stdout().is_terminal();
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let width = terminal
            .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
            .flatten()
            .filter(|&w| w >= 20);
        Style {
            colour: terminal && !no_colour,
            width,
        }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub(crate) fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    pub(crate) fn path(self, text: &str) -> String {
        self.paint("35", text)
    }

    pub(crate) fn line_number(self, text: &str) -> String {
        self.paint("32", text)
    }

    pub(crate) fn hit(self, text: &str) -> String {
        self.paint("1;31", text)
    }

    /// `label: text` as one paragraph: on a terminal wrapped at its width with the lines after
    /// the first indented by two spaces; otherwise one line, for grep.
    pub(crate) fn paragraph(self, label: &str, text: &str) -> String {
        let head = if label.is_empty() {
            String::new()
        } else {
            format!("{}: ", self.bold(label))
        };
        let Some(width) = self.width else {
            return format!("{head}{text}\n");
        };
        let mut out = head;
        // Columns used on the current line (the label's escape codes take none).
        let mut used = if label.is_empty() {
            0
        } else {
            label.chars().count() + 2
        };
        let mut first = true;
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let n = word.chars().count();
            if !first {
                if used + 1 + n > width {
                    out.push_str("\n  ");
                    used = 2;
                } else {
                    out.push(' ');
                    used += 1;
                }
            }
            out.push_str(word);
            used += n;
            first = false;
        }
        out.push('\n');
        out
    }
}

//! The text corpora (`tests/fixtures/*.tsv`): reading them, and scoring `from_message` on them.

use agora_token_errors::TokenError;

/// (expected, source, text) per line; `-` expects no error, `\n` in a text is a line break.
pub fn read(path: &str) -> Vec<(Option<TokenError>, String, String)> {
    let raw = std::fs::read(path).unwrap();
    String::from_utf8_lossy(&raw)
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut cells = l.splitn(3, '\t');
            let expected = cells.next().unwrap();
            let source = cells.next().unwrap_or("").to_owned();
            let text = cells.next().unwrap_or("").replace("\\n", "\n");
            let expected = (expected != "-").then(|| {
                expected
                    .parse::<TokenError>()
                    .unwrap_or_else(|e| panic!("{e}"))
            });
            (expected, source, text)
        })
        .collect()
}

/// How `from_message` did on a corpus.
#[derive(Debug, Default)]
pub struct Score {
    pub positives: usize,
    pub negatives: usize,
    pub recognised: usize,
    pub wrong: Vec<String>,
    pub false_alarms: Vec<String>,
    pub missed: Vec<String>,
}

#[cfg(feature = "messages")]
pub fn score(corpus: &[(Option<TokenError>, String, String)]) -> Score {
    let mut s = Score::default();
    for (expected, source, text) in corpus {
        match expected {
            Some(_) => s.positives += 1,
            None => s.negatives += 1,
        }
        match (expected, TokenError::from_message(text)) {
            (Some(e), Some(got)) if *e == got => s.recognised += 1,
            (Some(_), Some(got)) => s.wrong.push(format!("{source}: {text:?} gave {got:?}")),
            (Some(_), None) => s.missed.push(format!("{source}: {text:?}")),
            (None, Some(got)) => s
                .false_alarms
                .push(format!("{source}: {text:?} gave {got:?}")),
            (None, None) => {}
        }
    }
    s
}

impl Score {
    /// `recognised N of M (P%), wrong labels W, false alarms K of L`, and the texts missed.
    pub fn print(&self, what: &str) {
        println!(
            "{what}: recognised {} of {} ({}.{}%), wrong labels {}, false alarms {} of {}",
            self.recognised,
            self.positives,
            self.recognised * 100 / self.positives.max(1),
            self.recognised * 1000 / self.positives.max(1) % 10,
            self.wrong.len(),
            self.false_alarms.len(),
            self.negatives
        );
        for m in &self.missed {
            println!("  missed: {m}");
        }
    }
}

/// The text lines of a line corpus (`tests/fixtures/ordinary-logs.txt`,
/// `tests/fixtures/other-vendors.txt`): every line but blank ones and `#` comments.
pub fn lines(file: &str) -> Vec<String> {
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read(path).unwrap();
    String::from_utf8_lossy(&raw)
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// A new corpus scored alone and with an older one (files of `tests/fixtures`), both printed:
/// it must hold `min` positives and negatives, and together they allow no wrong label, no false
/// alarm and a recall under `permille` thousandths.
#[cfg(feature = "messages")]
pub fn score_with(new: (&str, &str), old: (&str, &str), min: usize, permille: usize) {
    let path = |f: &str| format!("{}/tests/fixtures/{f}", env!("CARGO_MANIFEST_DIR"));
    let texts = read(&path(new.0));
    let score = score(&texts);
    score.print(new.1);
    let mut all = read(&path(old.0));
    all.extend(texts);
    let total = self::score(&all);
    total.print(old.1);
    as_reports(&all, old.1);
    assert!(
        score.positives >= min && score.negatives >= min,
        "{score:?}"
    );
    assert_eq!(total.wrong, Vec::<String>::new(), "wrong labels");
    assert_eq!(total.false_alarms, Vec::<String>::new(), "false alarms");
    assert!(
        total.recognised * 1000 >= total.positives * permille,
        "recall below {permille} per mille"
    );
}

/// The same texts given to `Report::of`, the reader of what a user reported to an Agora tool,
/// where a text that is nothing but a spelling anyone prints is read as Agora's: printed, with
/// no wrong label and no negative read.
#[cfg(feature = "messages")]
pub fn as_reports(corpus: &[(Option<TokenError>, String, String)], what: &str) {
    use agora_token_errors::{CodeSpace, Report};
    let (mut positives, mut read, mut wrong, mut negatives, mut alarms) = (0, 0, 0, 0, Vec::new());
    for (expected, source, text) in corpus {
        let r = Report::of(text, CodeSpace::ALL, None);
        match (expected, r.errors()) {
            (Some(e), [got, ..]) => {
                positives += 1;
                if got == e { read += 1 } else { wrong += 1 }
            }
            (Some(_), []) => positives += 1,
            (None, []) => negatives += 1,
            (None, [got, ..]) => {
                negatives += 1;
                alarms.push(format!("{source}: {text:?} gave {got:?}"));
            }
        }
    }
    println!(
        "{what}, as reports to Report::of: recognised {read} of {positives}, wrong labels {wrong}, read {} of {negatives} negatives",
        alarms.len()
    );
    for a in &alarms {
        println!("  read: {a}");
    }
    assert_eq!(wrong, 0, "wrong labels as reports");
    assert_eq!(alarms, Vec::<String>::new(), "negatives read as reports");
}

/// A corpus gathered after the recogniser was last changed for the others (`fresh-*.tsv` of
/// `tests/fixtures`, labelled by someone who did not run it): scored alone and printed, with no
/// wrong label, no false alarm and a recall of at least `permille` thousandths.
#[cfg(feature = "messages")]
pub fn score_fresh(file: &str, what: &str, permille: usize) {
    let texts = read(&format!(
        "{}/tests/fixtures/{file}",
        env!("CARGO_MANIFEST_DIR")
    ));
    let score = score(&texts);
    score.print(what);
    assert!(score.positives >= 40 && score.negatives >= 35, "{score:?}");
    assert_eq!(score.wrong, Vec::<String>::new(), "wrong labels");
    assert_eq!(score.false_alarms, Vec::<String>::new(), "false alarms");
    assert!(
        score.recognised * 1000 >= score.positives * permille,
        "recall below {permille} per mille"
    );
}

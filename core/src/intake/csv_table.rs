//! A CSV export read whole, its columns found by header name, every cell placed by line and
//! column for messages (`line 4, column “Due Date”: …`).

use chrono::NaiveDate;

use crate::exchange::ImportError;

use super::walk::{day, invalid};
use super::SourcePerson;

/// Every row of a CSV file under its header.
pub(super) struct Table {
    headers: Vec<String>,
    rows: Vec<Row>,
}

/// One record and the line it starts on (a quoted cell may span lines).
pub(super) struct Row {
    pub line: u64,
    cells: Vec<String>,
}

impl Table {
    /// Reads the whole text: a header row, then records. Rows may be shorter or longer than
    /// the header (exports trail empty cells); blank lines are skipped, and a quote left open
    /// runs to the end of the text (as the `csv` crate reads it).
    pub fn read(text: &str) -> Result<Table, ImportError> {
        let mut records = records(text).into_iter();
        let headers = match records.next() {
            Some((_, record)) => record.iter().map(|h| h.trim().to_string()).collect(),
            None => return Err(ImportError::Empty),
        };
        let mut rows = Vec::new();
        let mut lines = LineCounter::new(text);
        for (start, record) in records {
            // Blank lines between records carry nothing.
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            rows.push(Row {
                line: lines.line_at(start as u64),
                cells: record.iter().map(|c| c.trim().to_string()).collect(),
            });
        }
        Ok(Table { headers, rows })
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Whether a column of that name exists (case and surrounding spaces aside).
    pub fn has(&self, name: &str) -> bool {
        self.column(name).is_some()
    }

    /// The first column of that name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    /// The column, or an error saying the export lacks it.
    pub fn require(&self, name: &str, export: &str) -> Result<usize, ImportError> {
        self.column(name).ok_or_else(|| {
            invalid(
                "line 1",
                format!("this {export} has no “{name}” column; export it with that column"),
            )
        })
    }

    /// The place of a cell, for messages.
    pub fn place(&self, row: &Row, column: usize) -> String {
        format!("line {}, column “{}”", row.line, self.headers[column])
    }

    /// A cell that must not be empty.
    pub fn required(&self, row: &Row, column: usize) -> Result<String, ImportError> {
        match row.get(Some(column)) {
            "" => Err(invalid(
                &self.place(row, column),
                "is empty; it is needed".into(),
            )),
            text => Ok(text.to_string()),
        }
    }

    /// A date cell (empty: none); `example` says the forms expected when it is not a date.
    pub fn date(
        &self,
        row: &Row,
        column: Option<usize>,
        example: &str,
    ) -> Result<Option<NaiveDate>, ImportError> {
        let text = row.get(column);
        match column {
            Some(c) if !text.is_empty() => day(text).map(Some).ok_or_else(|| {
                invalid(
                    &self.place(row, c),
                    format!("expected a date like {example}, found {text:?}"),
                )
            }),
            _ => Ok(None),
        }
    }

    /// The person a cell names, if any: CSV exports write one name (or address) per cell.
    pub fn person(&self, row: &Row, column: Option<usize>) -> Vec<SourcePerson> {
        let name = row.get(column);
        (!name.is_empty())
            .then(|| SourcePerson {
                name: name.to_string(),
                ..SourcePerson::default()
            })
            .into_iter()
            .collect()
    }
}

impl Row {
    /// The cell, or empty when the row is shorter or there is no such column.
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.cells.get(c))
            .map_or("", String::as_str)
    }

    pub fn place(&self) -> String {
        format!("line {}", self.line)
    }
}

/// Line numbers from byte offsets. An offset at a line break (where the `csv` crate put a
/// record's) counts from the first byte after the line breaks that follow it.
struct LineCounter<'t> {
    text: &'t [u8],
    scanned: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            scanned: 0,
            line: 1,
        }
    }

    /// The line of the record whose offset is `byte` (offsets only grow).
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.scanned {
            let newlines = self.text[self.scanned..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += newlines as u64;
            self.scanned = start;
        }
        self.line
    }
}

/// Where a CSV reader is in the text.
#[derive(Clone, Copy, PartialEq)]
enum At {
    /// Between records: line breaks are skipped.
    Between,
    /// At the start of a cell.
    CellStart,
    /// In a cell without quotes.
    Plain,
    /// In a quoted cell.
    Quoted,
    /// Just after a quote in a quoted cell: a second quote is a quote, anything else ends the
    /// quoted part.
    QuoteInQuoted,
}

/// The records of the text, each with the offset where it starts, read as the `csv` crate's
/// reader reads them with its defaults (comma, `"` doubled inside quotes, a record ending at
/// CR, LF or CRLF), flexible widths and no header: the same cells, byte for byte (a property
/// test holds it to that). Written here rather than with the crate: the crate also brings its
/// `io` and error machinery into the wasm, and none of its errors can happen on a `&str`.
fn records(text: &str) -> Vec<(usize, Vec<String>)> {
    records_split_by(text, ',')
}

/// [`records`] with another cell delimiter (a tab from a spreadsheet, `;`), as the crate reads
/// them with `.delimiter(…)`.
pub(crate) fn records_split_by(text: &str, delimiter: char) -> Vec<(usize, Vec<String>)> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut start = 0;
    let mut at = At::Between;
    for (i, c) in text.char_indices() {
        let line_break = c == '\r' || c == '\n';
        if at == At::Between {
            if line_break {
                continue;
            }
            start = i;
            at = At::CellStart;
        }
        match (at, c) {
            (At::CellStart, '"') => at = At::Quoted,
            (At::Quoted, '"') => at = At::QuoteInQuoted,
            (At::QuoteInQuoted, '"') => {
                cell.push('"');
                at = At::Quoted;
            }
            (At::Quoted, c) => cell.push(c),
            (_, c) if c == delimiter => {
                record.push(std::mem::take(&mut cell));
                at = At::CellStart;
            }
            (_, _) if line_break => {
                record.push(std::mem::take(&mut cell));
                records.push((start, std::mem::take(&mut record)));
                at = At::Between;
            }
            (_, c) => {
                cell.push(c);
                at = At::Plain;
            }
        }
    }
    if at != At::Between {
        record.push(cell);
        records.push((start, record));
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_by_name_and_cells_by_line() {
        let t = Table::read("Issue key, Labels ,labels\r\nPAY-1,a,b\r\n\r\n\"PAY-2\nx\",c\r\nq\nr")
            .unwrap();
        assert_eq!(t.column("issue KEY"), Some(0));
        assert_eq!(t.column("labels"), Some(1));
        let lines: Vec<u64> = t.rows().iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4, 6, 7]);
        let second = &t.rows()[1];
        assert_eq!(second.get(Some(0)), "PAY-2\nx");
        assert_eq!(second.get(Some(2)), "");
        assert_eq!(second.get(None), "");
        assert_eq!(t.place(second, 1), "line 4, column “Labels”");
        let err = t.require("Summary", "Jira CSV export").unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 1: this Jira CSV export has no “Summary” column; export it with that column"
        );
    }

    /// What the `csv` crate's reader made of the text: each record's cells, and the line
    /// its offset gives.
    fn crate_records(text: &str) -> Vec<(u64, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut lines = LineCounter::new(text);
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                let line = lines.line_at(r.position().unwrap().byte());
                (line, r.iter().map(str::to_string).collect())
            })
            .collect()
    }

    fn our_records(text: &str) -> Vec<(u64, Vec<String>)> {
        let mut lines = LineCounter::new(text);
        records(text)
            .into_iter()
            .map(|(start, cells)| (lines.line_at(start as u64), cells))
            .collect()
    }

    #[test]
    fn records_are_read_as_the_csv_crate_reads_them() {
        for text in [
            "",
            "\r\n\n",
            "a,b\r\nc,d",
            "a,b\n\n\nc,\n",
            "\"q \"\"x\"\" y\",z\r\n",
            "\"open quote\nruns on",
            "\"ab\"cd,e\"f\"\n",
            "a\rb\r\n\rc",
            ",\n,,\n\"\"",
            "é,ü\n\"ñ\n\"",
        ] {
            assert_eq!(our_records(text), crate_records(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_as_the_csv_crate_reads_it(text in "[ab ,\"\r\né]{0,40}") {
            proptest::prop_assert_eq!(our_records(&text), crate_records(&text));
        }

        #[test]
        fn tabs_and_semicolons_split_as_the_crate_splits_them(
            text in "[ab ,;\t\"\r\né]{0,40}",
            delimiter in proptest::sample::select(vec!['\t', ';']),
        ) {
            let theirs: Vec<Vec<String>> = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter as u8)
                .from_reader(text.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect();
            let ours: Vec<Vec<String>> =
                records_split_by(&text, delimiter).into_iter().map(|(_, r)| r).collect();
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}

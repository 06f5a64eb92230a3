//! Graphviz DOT output.

use std::fmt;

use super::{EdgeStyle, NodeKind, Picture, PictureNode};

/// A [`Picture`] as Graphviz DOT, created by [`Picture::dot`]; a [`Display`](fmt::Display)
/// wrapper.
///
/// Every id and label is a quoted DOT string: `"` and `\` are escaped, line breaks become `\n`,
/// other control characters spaces; other characters, non-ASCII included, are written as they
/// are (DOT's default charset is UTF-8). The legend is a cluster of its own.
#[derive(Clone, Copy, Debug)]
pub struct Dot<'p> {
    picture: &'p Picture,
}

impl<'p> Dot<'p> {
    /// The DOT of `picture`.
    pub fn new(picture: &'p Picture) -> Dot<'p> {
        Dot { picture }
    }
}

impl fmt::Display for Dot<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.picture;
        writeln!(f, "digraph claimgraph {{")?;
        let rankdir = if p.across { "LR" } else { "TB" };
        writeln!(
            f,
            "  graph [label={}, labelloc=t, rankdir={rankdir}, fontname=\"Helvetica\", fontsize=12];",
            Quoted(&p.title)
        )?;
        writeln!(f, "  node [fontname=\"Helvetica\", fontsize=10];")?;
        writeln!(f, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
        for node in &p.nodes {
            writeln!(f, "  {} [label={}, {}];", Quoted(&node.id), Quoted(&node.label), node_attributes(node))?;
        }
        for edge in &p.edges {
            write!(f, "  {} -> {} [label={}", Quoted(&edge.from), Quoted(&edge.to), Quoted(&edge.label))?;
            writeln!(f, "{}];", edge_attributes(edge.style))?;
        }
        let legend = p.legend();
        if !legend.is_empty() {
            writeln!(f, "  subgraph cluster_legend {{")?;
            writeln!(f, "    label=\"legend\"; fontsize=10; color=\"#9ca3af\";")?;
            writeln!(f, "    node [shape=plaintext, fontsize=9];")?;
            writeln!(f, "    \"legend\" [label=\"line styles\"];")?;
            for style in legend {
                let id = format!("legend:{style:?}");
                writeln!(f, "    {} [label={}];", Quoted(&id), Quoted(style.meaning()))?;
                writeln!(f, "    \"legend\" -> {} [label=\"\"{}];", Quoted(&id), edge_attributes(style))?;
            }
            writeln!(f, "  }}")?;
        }
        writeln!(f, "}}")
    }
}

/// The shape, style and colours of a node, as DOT attributes.
fn node_attributes(node: &PictureNode) -> String {
    let fill = super::fill_color(node);
    let mut out = match node.kind {
        NodeKind::Claim => format!("shape=box, style=\"rounded,filled\", fillcolor=\"{fill}\""),
        NodeKind::CarriedClaim => {
            format!(
                "shape=box, style=\"rounded,dashed,filled\", fillcolor=\"{fill}\", color=\"#9ca3af\", fontcolor=\"#6b7280\""
            )
        }
        NodeKind::Actor => format!("shape=ellipse, style=filled, fillcolor=\"{fill}\""),
        NodeKind::Source => format!("shape=note, style=filled, fillcolor=\"{fill}\""),
        NodeKind::Note => "shape=plaintext, fontcolor=\"#6b7280\"".to_owned(),
    };
    if node.focus {
        out.push_str(", penwidth=2");
    }
    out
}

/// The line style and colour of an edge, as DOT attributes after the label (each with its
/// leading comma); nothing for a plain edge.
fn edge_attributes(style: EdgeStyle) -> String {
    let color = style.color();
    match style {
        EdgeStyle::Plain => String::new(),
        EdgeStyle::Hedged | EdgeStyle::Carried => {
            format!(", style=dashed, color=\"{color}\", fontcolor=\"{color}\"")
        }
        EdgeStyle::Inserted => format!(", style=dotted, penwidth=2, color=\"{color}\", fontcolor=\"{color}\""),
        EdgeStyle::Unlinked => format!(", style=dotted, color=\"{color}\", fontcolor=\"{color}\""),
        EdgeStyle::Conflict => format!(", color=\"{color}\", fontcolor=\"{color}\", penwidth=2"),
    }
}

/// A string as a quoted DOT string.
struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        f.write_char('"')?;
        let mut chars = self.0.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                // A lone carriage return is a line break too; before a newline it adds nothing.
                '\r' if chars.peek() == Some(&'\n') => {}
                '\r' => f.write_str("\\n")?,
                c if c.is_control() => f.write_char(' ')?,
                c => f.write_char(c)?,
            }
        }
        f.write_char('"')
    }
}

#[cfg(test)]
mod tests {
    use super::Quoted;

    #[test]
    fn quoting_escapes_quotes_backslashes_and_line_breaks() {
        let q = |s: &str| Quoted(s).to_string();
        assert_eq!(q("plain"), "\"plain\"");
        assert_eq!(q(r#"say "no""#), r#""say \"no\"""#);
        assert_eq!(q(r"a\b"), r#""a\\b""#);
        assert_eq!(q("one\ntwo\r\nthree\rfour"), r#""one\ntwo\nthree\nfour""#);
        assert_eq!(q("tab\there\u{7}"), "\"tab here \"");
        assert_eq!(q("Тоқаев “quoted” 日本"), "\"Тоқаев “quoted” 日本\"");
        // A trailing backslash cannot escape the closing quote.
        assert_eq!(q("end\\"), r#""end\\""#);
    }
}

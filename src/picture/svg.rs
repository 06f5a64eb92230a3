//! SVG output, laid out and drawn in pure Rust by `layout-rs` (feature `svg`).
//!
//! `layout-rs` draws boxes, ellipses and edges with solid, dashed or dotted lines in any colour,
//! one label per edge, and no clusters: the title is a borderless box and the legend a small tree
//! of its own, both beside the picture. Every text is drawn at one font size, which keeps the
//! output deterministic (the writer keeps its font classes in a hash map).

use std::collections::HashMap;

use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use super::{EdgeStyle, NodeKind, Picture, PictureNode, text};

/// The font size of every text, in pixels.
const FONT: usize = 12;
/// The width of a character, as a share of the font size (the serif font the SVG names).
const CHAR_WIDTH: f64 = 0.55;
/// Edge labels are wrapped to lines of this many characters: `layout-rs` sizes an edge label
/// at a full font size per character, so long lines spread the picture.
const EDGE_LABEL_WIDTH: usize = 16;

/// Lays out and draws `picture`.
pub(super) fn render(picture: &Picture) -> String {
    let dir = if picture.across { Orientation::LeftToRight } else { Orientation::TopToBottom };
    let mut graph = VisualGraph::new(dir);
    let mut handles = HashMap::new();
    if !picture.title.is_empty() {
        let title = PictureNode {
            id: String::new(),
            label: text::wrap(&picture.title, 60),
            kind: NodeKind::Note,
            focus: false,
            side: None,
        };
        graph.add_node(element(&title, dir));
    }
    for node in &picture.nodes {
        handles.insert(node.id.as_str(), graph.add_node(element(node, dir)));
    }
    for edge in &picture.edges {
        if let (Some(&from), Some(&to)) = (handles.get(edge.from.as_str()), handles.get(edge.to.as_str())) {
            graph.add_edge(arrow(&edge.label, edge.style), from, to);
        }
    }
    let legend = picture.legend();
    if !legend.is_empty() {
        let root = PictureNode {
            id: String::new(),
            label: "line styles".to_owned(),
            kind: NodeKind::Note,
            focus: false,
            side: None,
        };
        let root = graph.add_node(element(&root, dir));
        for style in legend {
            let entry = PictureNode {
                id: String::new(),
                label: style.meaning().to_owned(),
                kind: NodeKind::Note,
                focus: false,
                side: None,
            };
            let entry = graph.add_node(element(&entry, dir));
            graph.add_edge(arrow("", style), root, entry);
        }
    }
    let mut svg = SVGWriter::new();
    graph.do_it(false, false, false, &mut svg);
    // The writer sizes its canvas generously (it grows it by ten pixels per character of every
    // text, downwards); the laid-out boxes give the true extent.
    let (mut width, mut height) = (0.0f64, 0.0f64);
    for node in graph.iter_nodes() {
        let (_, bottom_right) = graph.pos(node).bbox(true);
        width = width.max(bottom_right.x);
        height = height.max(bottom_right.y);
    }
    with_header(&svg.finalize(), (width + 20.0).ceil(), (height + 20.0).ceil(), &picture.title)
}

/// The SVG document with its `<svg>` element sized `width` by `height` and a `<title>`.
fn with_header(svg: &str, width: f64, height: f64, title: &str) -> String {
    let Some(start) = svg.find("<svg ") else { return svg.to_owned() };
    let Some(end) = svg[start..].find('>').map(|e| start + e + 1) else { return svg.to_owned() };
    format!(
        "{}<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>{}</title>{}",
        &svg[..start],
        xml_escape(&clean(title)),
        &svg[end..]
    )
}

/// Text for XML character data and attribute values.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A label with the characters XML 1.0 refuses (control characters other than line breaks)
/// made spaces; `layout-rs` escapes the markup characters itself.
fn clean(label: &str) -> String {
    label.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect()
}

/// The drawn box or ellipse of a node, sized to its label.
fn element(node: &PictureNode, dir: Orientation) -> Element {
    let label = clean(&node.label);
    let columns = label.lines().map(|l| l.chars().count()).max().unwrap_or(0).max(1) as f64;
    let rows = label.lines().count().max(1) as f64;
    let font = FONT as f64;
    let mut size = Point::new(columns * font * CHAR_WIDTH + 16.0, rows * font * 1.2 + 14.0);
    let fill = Some(Color::fast(super::fill_color(node)));
    let width = if node.focus { 2 } else { 1 };
    let (shape, look) = match node.kind {
        NodeKind::Actor => {
            size = Point::new(size.x * 1.3, size.y * 1.4);
            (ShapeKind::Circle(label), StyleAttr::new(Color::fast("#000000"), width, fill, 0, FONT))
        }
        NodeKind::Claim => (ShapeKind::Box(label), StyleAttr::new(Color::fast("#000000"), width, fill, 8, FONT)),
        NodeKind::CarriedClaim => (ShapeKind::Box(label), StyleAttr::new(Color::fast("#9ca3af"), width, fill, 8, FONT)),
        NodeKind::Source => (ShapeKind::Box(label), StyleAttr::new(Color::fast("#6b7280"), width, fill, 0, FONT)),
        NodeKind::Note => (ShapeKind::Box(label), StyleAttr::new(Color::fast("#ffffff"), 1, fill, 0, FONT)),
    };
    // As `layout-rs`'s own DOT reader does: shapes are made in the crosswise orientation.
    Element::create(shape, look, dir.flip(), size)
}

/// The drawn edge of a style, with its label wrapped.
fn arrow(label: &str, style: EdgeStyle) -> Arrow {
    let label = clean(label).lines().map(|l| text::wrap(l, EDGE_LABEL_WIDTH)).collect::<Vec<_>>().join("\n");
    let line = match style {
        EdgeStyle::Plain | EdgeStyle::Conflict => LineStyleKind::Normal,
        EdgeStyle::Hedged | EdgeStyle::Carried => LineStyleKind::Dashed,
        EdgeStyle::Inserted | EdgeStyle::Unlinked => LineStyleKind::Dotted,
    };
    let width = if matches!(style, EdgeStyle::Conflict | EdgeStyle::Inserted) { 2 } else { 1 };
    let look = StyleAttr::new(Color::fast(style.color()), width, None, 0, FONT);
    Arrow::new(LineEndKind::None, LineEndKind::Arrow, line, &label, &look, &None, &None)
}

//! The page tree extraction reads: HTML parsed by html5ever (through `scraper`), the HTML5
//! parsing algorithm browsers use (implied ends, misnested and stray tags, foster parenting,
//! every named character reference), laid out as an arena of nodes in document order.
//!
//! Only what extraction reads is kept: element names, a few attributes, text. `style`,
//! `svg`, `noscript` and `template` keep no children (never article text, often thousands of
//! nodes); `script` keeps its text for JSON-LD. Depth is capped so hostile pages cannot blow
//! the stack of any walk: past the cap, elements are laid beside each other.

/// Index of a node in [`Dom::nodes`].
pub type Id = usize;

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The document root.
    Root,
    /// An element with its lower-case name and the attributes extraction reads.
    Element {
        name: Name,
        /// Its attributes: a range of [`Dom::attrs`].
        attrs: std::ops::Range<u32>,
    },
    /// Text, entities decoded: a range of [`Dom::buf`].
    Text(std::ops::Range<u32>),
}

/// An element name: the common ones by their index in [`KNOWN`], others owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// One of the common names.
    Known(u8),
    /// Any other name, lower-cased.
    Other(Box<str>),
}

impl Name {
    fn new(raw: &str) -> Name {
        // Lower-case into a small buffer and look it up in the hash table of common names.
        let mut buf = [0u8; 16];
        if raw.len() <= buf.len() {
            for (b, c) in buf.iter_mut().zip(raw.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            let lower = &buf[..raw.len()];
            let mut slot = name_hash(lower);
            loop {
                let k = KNOWN_TABLE[slot];
                if k == u8::MAX {
                    break;
                }
                if KNOWN[k as usize].as_bytes() == lower {
                    return Name::Known(k);
                }
                slot = (slot + 1) % KNOWN_TABLE.len();
            }
        }
        Name::Other(raw.to_ascii_lowercase().into_boxed_str())
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        match self {
            Name::Known(k) => KNOWN[*k as usize],
            Name::Other(o) => o,
        }
    }
}

/// A set of element names, tested without comparing strings for the common ones.
pub struct TagSet {
    known: [bool; KNOWN.len()],
    names: &'static [&'static str],
}

impl TagSet {
    /// The set of `names` (lower-case).
    pub const fn new(names: &'static [&'static str]) -> TagSet {
        let mut known = [false; KNOWN.len()];
        let mut i = 0;
        while i < KNOWN.len() {
            let mut j = 0;
            while j < names.len() {
                if bytes_eq(KNOWN[i].as_bytes(), names[j].as_bytes()) {
                    known[i] = true;
                }
                j += 1;
            }
            i += 1;
        }
        TagSet { known, names }
    }

    /// Whether the set holds `name`.
    pub fn contains(&self, name: &Name) -> bool {
        match name {
            Name::Known(k) => self.known[*k as usize],
            Name::Other(o) => self.names.contains(&&**o),
        }
    }
}

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn name_hash(b: &[u8]) -> usize {
    let mut h: u32 = 2166136261;
    let mut i = 0;
    while i < b.len() {
        h = (h ^ b[i] as u32).wrapping_mul(16777619);
        i += 1;
    }
    (h as usize) % 512
}

/// Open-addressed hash table of [`KNOWN`] indices (`u8::MAX` is empty), built at compile time.
static KNOWN_TABLE: [u8; 512] = {
    let mut table = [u8::MAX; 512];
    let mut i = 0;
    while i < KNOWN.len() {
        let mut slot = name_hash(KNOWN[i].as_bytes());
        while table[slot] != u8::MAX {
            slot = (slot + 1) % 512;
        }
        table[slot] = i as u8;
        i += 1;
    }
    table
};

/// Common element names, sorted (binary-searched).
const KNOWN: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "g",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "mark",
    "menu",
    "meta",
    "nav",
    "nobr",
    "noscript",
    "object",
    "ol",
    "option",
    "p",
    "param",
    "path",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "use",
    "var",
    "video",
    "wbr",
];

/// The only attributes extraction reads; the rest are not kept.
const KEPT_ATTRS: &[&str] = &[
    "class",
    "id",
    "role",
    "hidden",
    "aria-hidden",
    "aria-controls",
    "aria-labelledby",
    "property",
    "name",
    "itemprop",
    "itemtype",
    "content",
    "http-equiv",
    "type",
    "rel",
    "href",
    "datetime",
    "lang",
    "charset",
    "style",
];

/// One node.
#[derive(Debug, Clone)]
pub struct Node {
    /// What it is.
    pub kind: Kind,
    /// Its parent (the root is its own parent).
    pub parent: Id,
    /// Its first child, or 0 when it has none (the root is never a child).
    pub first_child: Id,
    /// Its last child, or 0.
    pub last_child: Id,
    /// The next node with the same parent, or 0.
    pub next_sibling: Id,
    /// One past its last descendant: the arena is in document order, so a subtree is the
    /// contiguous run of ids after its root.
    pub end: Id,
}

/// A parsed page.
#[derive(Debug, Clone)]
pub struct Dom {
    /// Every node; index 0 is the root.
    pub nodes: Vec<Node>,
    /// The kept attributes of every element, one run per element: a name and a range of `buf`.
    pub attrs: Vec<(&'static str, std::ops::Range<u32>)>,
    /// Every text node and attribute value, decoded, one after another (one allocation per page).
    pub buf: String,
}

/// Elements kept without their children: never article text, often thousands of nodes.
const LEAVES: TagSet = TagSet::new(&["style", "svg", "noscript", "template", "math"]);

const MAX_DEPTH: usize = 256;

/// Nesting past which start tags are dropped before parsing.
const PARSE_DEPTH: usize = 512;

/// The page without the start tags nested deeper than [`PARSE_DEPTH`], or `None` when none is.
///
/// The HTML5 tree builder looks through its stack of open elements at every tag, so a page of
/// 100,000 nested `<div>`s takes it half a minute; browsers cap the tree's depth for the same
/// reason. A quick scan counts the nesting (void elements and the text of scripts and styles
/// aside); a page nested that deep loses its inner tags and keeps its text, and their end tags,
/// now unmatched, are ignored by the parser.
fn flatten_deep(html: &str) -> Option<String> {
    const VOID: TagSet = TagSet::new(&[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ]);
    const RAW_TEXT: TagSet = TagSet::new(&["script", "style"]);
    let b = html.as_bytes();
    // Start tags to drop, as byte ranges.
    let mut drop: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        let Some(gt) = memchr::memchr(b'>', &b[lt..]).map(|g| lt + g) else {
            break;
        };
        i = gt + 1;
        let tag = &html[lt + 1..gt];
        if let Some(end) = tag.strip_prefix('/') {
            if end.starts_with(|c: char| c.is_ascii_alphabetic()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if !tag.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_end = tag
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(tag.len());
        let name = Name::new(&tag[..name_end]);
        if RAW_TEXT.contains(&name) {
            let name = name.as_str();
            // Their text is not markup: skip to the end tag.
            let mut j = i;
            i = loop {
                let Some(o) = memchr::memchr(b'<', &b[j..]) else {
                    break b.len();
                };
                let at = j + o;
                let after = at + 2 + name.len();
                if b.get(at + 1) == Some(&b'/')
                    && after <= b.len()
                    && b[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
                {
                    break at;
                }
                j = at + 1;
            };
            continue;
        }
        if VOID.contains(&name) || tag.ends_with('/') {
            continue;
        }
        depth += 1;
        if depth > PARSE_DEPTH {
            drop.push((lt, gt + 1));
        }
    }
    if drop.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (s, e) in drop {
        out.push_str(&html[from..s]);
        from = e;
    }
    out.push_str(&html[from..]);
    Some(out)
}

impl Dom {
    /// Parses HTML text.
    pub fn parse(html: &str) -> Dom {
        use ego_tree::iter::Edge;
        let flat = flatten_deep(html);
        let parsed = scraper::Html::parse_document(flat.as_deref().unwrap_or(html));
        let mut b = Builder {
            nodes: Vec::with_capacity(html.len() / 40),
            attrs: Vec::with_capacity(html.len() / 200),
            buf: String::with_capacity(html.len() / 3),
        };
        b.nodes.push(Node {
            kind: Kind::Root,
            parent: 0,
            first_child: 0,
            last_child: 0,
            next_sibling: 0,
            end: 0,
        });
        // The open elements of the arena, and for every open node of the parsed tree whether
        // it pushed one (past the depth cap and inside skipped subtrees it did not).
        let mut stack: Vec<Id> = vec![0];
        let mut pushed: Vec<bool> = Vec::new();
        let mut skipping = 0usize;
        for edge in parsed.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    let parent = *stack.last().expect("the root stays on the stack");
                    let mut push = false;
                    if skipping > 0 {
                        skipping += 1;
                    } else {
                        match node.value() {
                            scraper::Node::Element(e) => {
                                let name = Name::new(&e.name.local);
                                let first = b.attrs.len() as u32;
                                for (k, v) in e.attrs() {
                                    if let Some(k) = kept_attr(k) {
                                        let start = b.buf.len() as u32;
                                        b.buf.push_str(v);
                                        b.attrs.push((k, start..b.buf.len() as u32));
                                    }
                                }
                                let attrs = first..b.attrs.len() as u32;
                                let leaf = LEAVES.contains(&name);
                                let id = b.push_child(parent, Kind::Element { name, attrs });
                                if leaf {
                                    skipping = 1;
                                } else if stack.len() < MAX_DEPTH {
                                    stack.push(id);
                                    push = true;
                                }
                            }
                            scraper::Node::Text(t) => b.text(parent, t),
                            _ => {}
                        }
                    }
                    pushed.push(push);
                }
                Edge::Close(_) => {
                    skipping = skipping.saturating_sub(1);
                    if pushed.pop() == Some(true) {
                        stack.pop();
                    }
                }
            }
        }
        let mut nodes = b.nodes;
        // Subtree ends, children before parents.
        for id in (0..nodes.len()).rev() {
            if nodes[id].end == 0 {
                nodes[id].end = id + 1;
            }
            if id > 0 {
                let p = nodes[id].parent;
                nodes[p].end = nodes[p].end.max(nodes[id].end);
            }
        }
        Dom {
            nodes,
            attrs: b.attrs,
            buf: b.buf,
        }
    }

    /// The text a range of [`Dom::buf`] holds (a text node's, an attribute value's).
    pub fn str(&self, r: &std::ops::Range<u32>) -> &str {
        &self.buf[r.start as usize..r.end as usize]
    }

    /// The text of a text node, `None` for other nodes.
    pub fn text_node(&self, id: Id) -> Option<&str> {
        match &self.nodes[id].kind {
            Kind::Text(r) => Some(self.str(r)),
            _ => None,
        }
    }

    /// Whether a node is an element whose name is in `set`.
    pub fn is_in(&self, id: Id, set: &TagSet) -> bool {
        match &self.nodes[id].kind {
            Kind::Element { name, .. } => set.contains(name),
            _ => false,
        }
    }

    /// The children of a node, in order.
    pub fn children(&self, id: Id) -> impl Iterator<Item = Id> + '_ {
        let mut next = self.nodes[id].first_child;
        std::iter::from_fn(move || {
            if next == 0 {
                return None;
            }
            let c = next;
            next = self.nodes[c].next_sibling;
            Some(c)
        })
    }

    /// The element name of a node ("" for text and the root).
    pub fn name(&self, id: Id) -> &str {
        match &self.nodes[id].kind {
            Kind::Element { name, .. } => name.as_str(),
            _ => "",
        }
    }

    /// An attribute's value.
    pub fn attr(&self, id: Id, key: &str) -> Option<&str> {
        match &self.nodes[id].kind {
            Kind::Element { attrs, .. } => self.attrs[attrs.start as usize..attrs.end as usize]
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| self.str(v)),
            _ => None,
        }
    }

    /// Whether a node is an element.
    pub fn is_element(&self, id: Id) -> bool {
        matches!(self.nodes[id].kind, Kind::Element { .. })
    }

    /// The parent of a node, `None` for the root.
    pub fn parent(&self, id: Id) -> Option<Id> {
        (id != 0).then(|| self.nodes[id].parent)
    }

    /// Every node under `id` (not `id` itself), in document order.
    pub fn descendants(&self, id: Id) -> impl Iterator<Item = Id> + '_ {
        id + 1..self.nodes[id].end
    }

    /// Elements named `name`, in document order.
    pub fn elements<'a>(&'a self, name: &'a str) -> impl Iterator<Item = Id> + 'a {
        (0..self.nodes.len()).filter(move |&i| self.name(i) == name)
    }

    /// Bytes of text under a node, without building it.
    pub fn text_len(&self, id: Id) -> usize {
        std::iter::once(id)
            .chain(self.descendants(id))
            .map(|d| match &self.nodes[d].kind {
                Kind::Text(t) => (t.end - t.start) as usize,
                _ => 0,
            })
            .sum()
    }

    /// All text under a node, concatenated as it stands.
    pub fn text(&self, id: Id) -> String {
        let mut s = String::new();
        for d in std::iter::once(id).chain(self.descendants(id)) {
            if let Some(t) = self.text_node(d) {
                s.push_str(t);
            }
        }
        s
    }
}

struct Builder {
    nodes: Vec<Node>,
    attrs: Vec<(&'static str, std::ops::Range<u32>)>,
    buf: String,
}

impl Builder {
    fn push_child(&mut self, parent: Id, kind: Kind) -> Id {
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind,
            parent,
            first_child: 0,
            last_child: 0,
            next_sibling: 0,
            end: 0,
        });
        let last = self.nodes[parent].last_child;
        if last == 0 {
            self.nodes[parent].first_child = id;
        } else {
            self.nodes[last].next_sibling = id;
        }
        self.nodes[parent].last_child = id;
        id
    }

    fn text(&mut self, parent: Id, t: &str) {
        if t.is_empty() {
            return;
        }
        // Adjacent text merges into one node (its text is always the end of the buffer).
        let last = self.nodes[parent].last_child;
        let start = self.buf.len();
        // Whitespace between tags is kept as one space: it separates words, nothing more.
        if t.bytes().all(|b| b.is_ascii_whitespace()) {
            self.buf.push(' ');
        } else {
            self.buf.push_str(t);
        }
        if last != 0
            && let Kind::Text(r) = &mut self.nodes[last].kind
            && r.end as usize == start
        {
            r.end = self.buf.len() as u32;
            return;
        }
        let range = start as u32..self.buf.len() as u32;
        self.push_child(parent, Kind::Text(range));
    }
}

/// The attribute name as kept, if extraction reads it.
fn kept_attr(raw: &str) -> Option<&'static str> {
    // Most attributes (data-*, srcset, onclick) are rejected by length before any comparison.
    if raw.len() > 10 || raw.is_empty() {
        return None;
    }
    KEPT_ATTRS
        .iter()
        .find(|k| k.len() == raw.len() && k.eq_ignore_ascii_case(raw))
        .copied()
}

/// Decodes character references.
pub fn decode(s: &str) -> String {
    let mut out = String::new();
    decode_into(&mut out, s);
    out
}

/// Decodes character references onto the end of `out`.
pub fn decode_into(out: &mut String, s: &str) {
    if !s.contains('&') {
        out.push_str(s);
        return;
    }
    out.reserve(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(after.len());
        let name = &after[..end];
        let semi = after[end..].starts_with(';');
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let v = if let Some(h) = num.strip_prefix(['x', 'X']) {
                u32::from_str_radix(h, 16).ok()
            } else {
                num.parse().ok()
            };
            v.map(|v| {
                char::from_u32(v)
                    .filter(|c| *c != '\0')
                    .unwrap_or('\u{FFFD}')
            })
        } else {
            entity(name)
        };
        match decoded {
            Some(c) if !name.is_empty() => {
                out.push(c);
                rest = &after[end + usize::from(semi)..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "middot" => '·',
        "bull" => '•',
        "sect" => '§',
        "para" => '¶',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "shy" => '\u{ad}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "prime" => '′',
        "Prime" => '″',
        "iexcl" => '¡',
        "iquest" => '¿',
        "aacute" => 'á',
        "Aacute" => 'Á',
        "agrave" => 'à',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "aring" => 'å',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "iacute" => 'í',
        "igrave" => 'ì',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "oacute" => 'ó',
        "ograve" => 'ò',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "uacute" => 'ú',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "Uuml" => 'Ü',
        "Ouml" => 'Ö',
        "Auml" => 'Ä',
        "szlig" => 'ß',
        "yacute" => 'ý',
        "yuml" => 'ÿ',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "hearts" => '♥',
        "check" => '✓',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_names_are_sorted_for_binary_search() {
        assert!(KNOWN.windows(2).all(|w| w[0] < w[1]));
        assert!(KNOWN.len() < u8::MAX as usize);
        for (i, k) in KNOWN.iter().enumerate() {
            assert_eq!(Name::new(&k.to_uppercase()), Name::Known(i as u8));
        }
        assert_eq!(Name::new("DIV").as_str(), "div");
        assert_eq!(Name::new("my-widget").as_str(), "my-widget");
    }

    #[test]
    fn builds_a_tree_with_implied_ends_and_raw_text() {
        let d = Dom::parse(
            "<html><body><p>One<p>Two &amp; <b>three</b><ul><li>a<li>b</ul><script>if (a<b) {}</script></body>",
        );
        let ps: Vec<Id> = d.elements("p").collect();
        assert_eq!(ps.len(), 2);
        assert_eq!(d.text(ps[0]), "One");
        assert_eq!(d.text(ps[1]), "Two & three");
        let lis: Vec<Id> = d.elements("li").collect();
        assert_eq!(
            lis.iter().map(|&l| d.text(l)).collect::<Vec<_>>(),
            vec!["a", "b"]
        );
        let s = d.elements("script").next().unwrap();
        assert_eq!(d.text(s), "if (a<b) {}");
    }

    #[test]
    fn survives_broken_markup() {
        for html in [
            "<",
            "<<>>",
            "<a href='x",
            "</p></div>",
            "<p class=\"x>text",
            "&#xFFFFFFFF; &#0; &bogus;",
            "<!-- unterminated",
            "<script>never closed",
        ] {
            let d = Dom::parse(html);
            assert!(!d.nodes.is_empty());
        }
        let deep = "<div>".repeat(10_000);
        let d = Dom::parse(&deep);
        assert_eq!(d.elements("div").count(), PARSE_DEPTH);
        let depth = |mut n: Id| {
            let mut k = 0;
            while let Some(p) = d.parent(n) {
                n = p;
                k += 1;
            }
            k
        };
        assert!((0..d.nodes.len()).map(depth).max().unwrap() <= MAX_DEPTH + 1);
        let d = Dom::parse("<div><p>a</p><p>b<b>c</b></p></div><p>d</p>");
        let body = d.elements("body").next().unwrap();
        assert_eq!(d.children(body).count(), 2);
        let div = d.elements("div").next().unwrap();
        assert_eq!(d.descendants(div).filter(|&n| d.name(n) == "p").count(), 2);
    }

    #[test]
    fn a_page_nested_past_the_cap_loses_its_inner_tags_but_not_its_text() {
        let normal = format!("<div>{}</div>", "<p>a<br>b<img src=x></p>".repeat(2000));
        assert!(flatten_deep(&normal).is_none());
        // Markup inside scripts and styles is not nesting.
        let script = format!("<script>{}</script><p>x</p>", "'<div>'+".repeat(2000));
        assert!(flatten_deep(&script).is_none());
        let deep = format!("{}<p>deep text</p>", "<div>".repeat(PARSE_DEPTH + 100));
        let flat = flatten_deep(&deep).unwrap();
        assert_eq!(flat.matches("<div>").count(), PARSE_DEPTH);
        assert!(flat.ends_with(">deep text</p>") || flat.ends_with("deep text</p>"));
        let d = Dom::parse(&deep);
        assert_eq!(d.text(0).trim(), "deep text");
    }

    #[test]
    fn parses_as_browsers_do_stray_and_misnested_tags_included() {
        // A stray `<body>` inside the page is ignored, not a second body.
        let d = Dom::parse("<body><main><p>a</p><p><body><img></body></p><p>b</p></main></body>");
        assert_eq!(d.elements("body").count(), 1);
        let main = d.elements("main").next().unwrap();
        assert_eq!(d.text(main), "ab");
        // Every named character reference of HTML5, not a common few.
        let d = Dom::parse("<p>&NotSquareSupersetEqual; &frac58; &amp</p>");
        let p = d.elements("p").next().unwrap();
        assert_eq!(d.text(p), "\u{22E3} \u{215D} &");
    }

    #[test]
    fn decodes_character_references() {
        assert_eq!(
            decode("a &lt; b &#8212; c &#x2019; &nbsp;&copy; &unknown; & x"),
            "a < b — c ’ \u{a0}© &unknown; & x"
        );
    }
}

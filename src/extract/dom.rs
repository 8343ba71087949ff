//! A small, fast HTML tree for extraction: one pass over the text, an arena of nodes.
//!
//! Not a full HTML5 tree builder: it does what article pages need. Tags are matched case-
//! insensitively; void elements never open; `script`, `style`, `title` and `textarea` hold raw
//! text; a block start closes an open `<p>`, a new `<li>` closes the last one (and likewise
//! `dt`/`dd`, `tr`/`td`/`th`, `option`); an end tag closes up to its open match and is ignored
//! when there is none. Depth is capped so hostile pages cannot blow the stack of any walk.

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

const VOID: TagSet = TagSet::new(&[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "frame",
]);

const RAW: TagSet = TagSet::new(&[
    "script",
    "style",
    "title",
    "textarea",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    // Never article text, and often thousands of nodes (icons): skipped whole.
    "svg",
    "noscript",
    "template",
]);

/// Elements whose start closes an open `<p>`.
const CLOSES_P: TagSet = TagSet::new(&[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
]);

const MAX_DEPTH: usize = 256;

impl Dom {
    /// Parses HTML text.
    pub fn parse(html: &str) -> Dom {
        let mut b = Builder {
            nodes: Vec::with_capacity(html.len() / 40),
            stack: vec![0],
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
        let bytes = html.as_bytes();
        let mut i = 0;
        let mut text_start = 0;
        while i < bytes.len() {
            let Some(off) = memchr(b'<', &bytes[i..]) else {
                break;
            };
            let lt = i + off;
            let next = bytes.get(lt + 1).copied().unwrap_or(0);
            if next == b'!' || next == b'?' {
                b.text(&html[text_start..lt]);
                i = if html[lt..].starts_with("<!--") {
                    memchr::memmem::find(&bytes[lt + 4..], b"-->")
                        .map_or(bytes.len(), |e| lt + 4 + e + 3)
                } else {
                    memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |e| lt + e + 1)
                };
                text_start = i;
                continue;
            }
            if next == b'/' {
                let name_end = scan_name(bytes, lt + 2);
                if name_end == lt + 2 {
                    i = lt + 1;
                    continue;
                }
                b.text(&html[text_start..lt]);
                let name = Name::new(&html[lt + 2..name_end]);
                b.end(&name);
                i = memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |e| name_end + e + 1);
                text_start = i;
                continue;
            }
            if !next.is_ascii_alphabetic() {
                i = lt + 1;
                continue;
            }
            b.text(&html[text_start..lt]);
            let name_end = scan_name(bytes, lt + 1);
            let name = Name::new(&html[lt + 1..name_end]);
            let (attrs, end, self_closing) = parse_attrs(html, name_end, &mut b.attrs, &mut b.buf);
            i = end;
            let raw_text = RAW.contains(&name);
            let void = VOID.contains(&name) || self_closing && !raw_text;
            if raw_text && !self_closing {
                let n = name.as_str();
                let close = find_close(html, i, n);
                let is_text = n == "title" || n == "textarea";
                // Script text is kept for JSON-LD; style text is never read.
                let keep = is_text || n == "script";
                let owned = name.clone();
                let id = b.open(name, attrs);
                let raw = &html[i..close.0];
                if !raw.is_empty() && keep {
                    let start = b.buf.len();
                    if is_text {
                        decode_into(&mut b.buf, raw);
                    } else {
                        b.buf.push_str(raw);
                    }
                    let range = start as u32..b.buf.len() as u32;
                    b.push_child(id, Kind::Text(range));
                }
                b.end(&owned);
                i = close.1;
            } else if void {
                b.open(name, attrs);
                b.stack.pop();
            } else {
                b.open(name, attrs);
            }
            text_start = i;
        }
        b.text(&html[text_start.min(html.len())..]);
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
    stack: Vec<Id>,
    attrs: Vec<(&'static str, std::ops::Range<u32>)>,
    buf: String,
}

impl Builder {
    fn current(&self) -> Id {
        *self.stack.last().expect("the root stays on the stack")
    }

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

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let cur = self.current();
        // Adjacent text merges into one node (its text is always the end of the buffer).
        let last = self.nodes[cur].last_child;
        if last != 0
            && let Kind::Text(t) = &mut self.nodes[last].kind
            && t.end as usize == self.buf.len()
        {
            decode_into(&mut self.buf, raw);
            t.end = self.buf.len() as u32;
            return;
        }
        let start = self.buf.len();
        // Whitespace between tags is kept as one space: it separates words, nothing more.
        if raw.bytes().all(|b| b.is_ascii_whitespace()) {
            self.buf.push(' ');
        } else {
            decode_into(&mut self.buf, raw);
        }
        let range = start as u32..self.buf.len() as u32;
        self.push_child(cur, Kind::Text(range));
    }

    fn open_name(&self, id: Id) -> Option<&Name> {
        match &self.nodes[id].kind {
            Kind::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    /// Closes the nearest open `targets` element unless a `boundary` comes first.
    fn close_implied(&mut self, targets: &TagSet, boundary: &TagSet) {
        let mut found = None;
        for (i, &id) in self.stack.iter().enumerate().rev() {
            let Some(n) = self.open_name(id) else {
                break;
            };
            if targets.contains(n) {
                found = Some(i);
                break;
            }
            if boundary.contains(n) {
                break;
            }
        }
        if let Some(i) = found {
            self.stack.truncate(i);
        }
    }

    fn open(&mut self, name: Name, attrs: std::ops::Range<u32>) -> Id {
        const LI: TagSet = TagSet::new(&["li"]);
        const LI_BOUNDS: TagSet =
            TagSet::new(&["ul", "ol", "menu", "div", "section", "article", "table"]);
        const DT: TagSet = TagSet::new(&["dt", "dd"]);
        const DT_BOUNDS: TagSet = TagSet::new(&["dl", "div"]);
        const TR: TagSet = TagSet::new(&["tr", "td", "th"]);
        const TR_BOUNDS: TagSet = TagSet::new(&["table", "tbody", "thead", "tfoot"]);
        const TD: TagSet = TagSet::new(&["td", "th"]);
        const TD_BOUNDS: TagSet = TagSet::new(&["tr", "table"]);
        const OPTION: TagSet = TagSet::new(&["option"]);
        const OPTION_BOUNDS: TagSet = TagSet::new(&["select", "datalist"]);
        const P: TagSet = TagSet::new(&["p"]);
        const P_BOUNDS: TagSet = TagSet::new(&[
            "button",
            "table",
            "td",
            "th",
            "li",
            "div",
            "section",
            "article",
            "blockquote",
            "main",
        ]);
        match name.as_str() {
            "li" => self.close_implied(&LI, &LI_BOUNDS),
            "dt" | "dd" => self.close_implied(&DT, &DT_BOUNDS),
            "tr" => self.close_implied(&TR, &TR_BOUNDS),
            "td" | "th" => self.close_implied(&TD, &TD_BOUNDS),
            "option" => self.close_implied(&OPTION, &OPTION_BOUNDS),
            _ => {}
        }
        if CLOSES_P.contains(&name) {
            self.close_implied(&P, &P_BOUNDS);
        }
        let cur = self.current();
        let id = self.push_child(cur, Kind::Element { name, attrs });
        // Past the depth cap an element stays a leaf: what follows goes beside it, so no walk
        // over the tree can run out of stack.
        if self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
        id
    }

    fn end(&mut self, name: &Name) {
        let found = self
            .stack
            .iter()
            .rposition(|&id| self.open_name(id) == Some(name));
        if let Some(i) = found
            && i > 0
        {
            self.stack.truncate(i);
        }
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr(needle, hay)
}

fn scan_name(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len()
        && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b':' | b'_'))
    {
        i += 1;
    }
    i
}

/// Pushes the kept attributes onto `store`; returns their range there, the index after `>`,
/// and whether the tag closed itself.
fn parse_attrs(
    html: &str,
    mut i: usize,
    store: &mut Vec<(&'static str, std::ops::Range<u32>)>,
    buf: &mut String,
) -> (std::ops::Range<u32>, usize, bool) {
    let b = html.as_bytes();
    let first = store.len();
    let range =
        |store: &Vec<(&'static str, std::ops::Range<u32>)>| first as u32..store.len() as u32;
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            if b[i] == b'/' {
                self_closing = true;
            }
            i += 1;
        }
        if i >= b.len() {
            return (range(store), b.len(), self_closing);
        }
        if b[i] == b'>' {
            return (range(store), i + 1, self_closing);
        }
        self_closing = false;
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = kept_attr(&html[start..i]);
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = &html[i..i];
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let end = memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e);
                value = &html[(i + 1).min(end)..end];
                i = (end + 1).min(b.len());
            } else {
                let s = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = &html[s..i];
            }
        }
        if let Some(key) = key
            && !store[first..].iter().any(|(k, _)| *k == key)
        {
            let start = buf.len();
            decode_into(buf, value);
            store.push((key, start as u32..buf.len() as u32));
        }
    }
}

/// The start and end of `</name ...>` after `from`, case-insensitively.
fn find_close(html: &str, from: usize, name: &str) -> (usize, usize) {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        if b.get(lt + 1) == Some(&b'/') {
            let s = lt + 2;
            let e = s + name.len();
            if e <= b.len()
                && html.is_char_boundary(e)
                && html[s..e].eq_ignore_ascii_case(name)
                && !b.get(e).is_some_and(|c| c.is_ascii_alphanumeric())
            {
                let close = memchr(b'>', &b[e..]).map_or(b.len(), |x| e + x + 1);
                return (lt, close);
            }
        }
        i = lt + 1;
    }
    (b.len(), b.len())
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
        assert_eq!(d.descendants(0).count(), 10_000);
        let d = Dom::parse("<div><p>a</p><p>b<b>c</b></p></div><p>d</p>");
        assert_eq!(d.children(0).count(), 2);
        let div = d.elements("div").next().unwrap();
        assert_eq!(d.descendants(div).filter(|&n| d.name(n) == "p").count(), 2);
    }

    #[test]
    fn decodes_character_references() {
        assert_eq!(
            decode("a &lt; b &#8212; c &#x2019; &nbsp;&copy; &unknown; & x"),
            "a < b — c ’ \u{a0}© &unknown; & x"
        );
    }
}

"""Layout checks of a page as a phone shows it (issue 20 #1): no sideways scrolling, no text drawn over other
text, touch targets a finger can hit. Each check runs in the page and returns what it found, so that a failing
test names the elements (tag, id/class, text) instead of saying only "false".

Run as functions ("el => ...", "() => ..."): the pages' Content-Security-Policy refuses eval.
"""

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}

# Elements wider than the viewport (right edge past it), outermost first; the document's own widths.
_OVERFLOW = """() => {
  const doc = document.documentElement, width = doc.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
    // Inside an element that scrolls sideways on its own (overflow-x auto/hidden): not the page's overflow.
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; }
    }
    if (!clipped) wide.push(el);
  }
  const outer = wide.filter(el => !wide.some(o => o !== el && o.contains(el)));
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  return {scrollWidth: doc.scrollWidth, clientWidth: width,
          wide: outer.slice(0, 8).map(el => name(el) + ' right=' + Math.round(el.getBoundingClientRect().right))};
}"""

# Text drawn over other text or over a control: the boxes of the glyphs (a Range over each text node, one box per
# line, so a link wrapping over two lines is two boxes) and of the form controls, compared pairwise. Only things
# that are neither inside the other are compared (a label's text and the checkbox it wraps are one unit), and an
# intersection must exceed 1 px both ways. Boxes, not elements: a label 10 px tall whose 30 px line spills onto the
# next field is caught, though the two labels' own boxes do not touch.
_OVERLAPS = """() => {
  const items = [];
  // A closed <details> keeps boxes for what it folds away (Chromium lays it out, unpainted): not on screen.
  const shown = el => {
    const folded = el.closest('details:not([open])');
    if (folded && !el.closest('summary')) return false;
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
    }
    return true;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const owner = node.parentElement;
    if (!node.textContent.trim() || !owner || owner.closest('script, style, select, option, noscript, svg, textarea')) continue;
    if (!shown(owner)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) items.push({owner, r, text: node.textContent.trim()});
  }
  for (const el of document.body.querySelectorAll('input:not([type=hidden]), select, textarea, button, img')) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 1 && r.height > 1) items.push({owner: el, r, text: el.value || el.textContent || el.name || el.tagName});
  }
  const name = it => it.owner.tagName.toLowerCase() + (it.owner.id ? '#' + it.owner.id : '') + ' "' + String(it.text).trim().slice(0, 24) + '"';
  const found = [];
  for (let i = 0; i < items.length && found.length < 10; i++) {
    for (let j = i + 1; j < items.length && found.length < 10; j++) {
      const a = items[i], b = items[j];
      if (a.owner !== b.owner && (a.owner.contains(b.owner) || b.owner.contains(a.owner))) continue;
      if (a.owner === b.owner && a.owner.matches('input, select, textarea, button, img')) continue;
      const dx = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const dy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (dx > 1 && dy > 1) found.push(name(a) + ' × ' + name(b) + ` (${Math.round(dx)}×${Math.round(dy)} px)`);
    }
  }
  return found;
}"""

# Controls a finger aims at: buttons, button-looking links, form fields, the step bar's and the top bar's links.
# A link inside running text (a sentence in a <p>, <li> or cell) is exempt: it is as tall as its line, like any
# text link on a phone, and the text around it keeps neighbours from being hit instead.
_SMALL_TARGETS = """(minimum) => {
  const SEL = 'button, a.button, input[type=submit], input[type=text], input[type=tel], input[type=email], ' +
              'input[type=date], input[type=file], input:not([type]), select, .steps a, .topbar nav a, .tabs a';
  const small = [];
  for (const el of document.body.querySelectorAll(SEL)) {
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none' || !el.getClientRects().length) continue;
    const folded = el.closest('details:not([open])');
    if (folded && !el.closest('summary')) continue;
    const h = el.getBoundingClientRect().height;
    if (h + 0.5 < minimum) small.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' +
      (el.value || el.textContent || el.name || '').trim().slice(0, 20) + '" ' + Math.round(h) + 'px');
  }
  return small;
}"""


def overflow(page) -> dict:
    return page.evaluate(_OVERFLOW)


def overlaps(page) -> list[str]:
    return page.evaluate(_OVERLAPS)


def small_targets(page, minimum: int = 44) -> list[str]:
    return page.evaluate(_SMALL_TARGETS, minimum)


def assert_fits_phone(page, shot: str | None = None) -> None:
    """The three checks at once (and a full-page screenshot first, so a failure can be looked at)."""
    if shot and hasattr(page, "shots"):
        page.shots(shot)
    width = overflow(page)
    assert width["scrollWidth"] <= width["clientWidth"] and not width["wide"], (page.url, width)
    assert not overlaps(page), (page.url, overlaps(page))
    assert not small_targets(page), (page.url, small_targets(page))

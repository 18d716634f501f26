/*
 * limits.h — every limit eaudit applies to untrusted input, in one place, with its reason.
 */
#ifndef EA_CORE_LIMITS_H
#define EA_CORE_LIMITS_H

/* Decoded bytes kept of one response body; the largest real page in corpus/ is 2.7 MB. */
#define EA_MAX_BODY (8u * 1024 * 1024)
/* UTF-8 bytes one decoded page may grow to: every input byte becomes at most 3 (U+FFFD or
 * a BMP character), so a body within EA_MAX_BODY always fits. */
#define EA_MAX_DECODED (3u * EA_MAX_BODY)
/* URL length: the old Internet Explorer limit that Scrapy also uses. */
#define EA_MAX_URL 2083
/* Redirect hops followed for one request (SPEC §3: "within 10 redirects"). */
#define EA_MAX_REDIRECTS 10
/* One header line or header value kept from a response. */
#define EA_MAX_HEADER 8192
/* Nesting depth of elements handed to gumbo: its tree building is quadratic in depth
 * (DESIGN.md: 20,000 levels take 1 s), and no real page nests deeper than a few hundred. */
#define EA_MAX_DEPTH 1024
/* Tags of one page handed to gumbo - every '<', in scripts and text too, so that the bound
 * needs no parse; the page is cut before the next. A page's tree
 * takes ~350 bytes a tag at its peak (gumbo's and ours): 8 MB of "<i>a</i>" (the largest body
 * fetched) was 2 million tags and 700 MB. The most in corpus/ is 48,358 (a minified page;
 * likumi.lv's longest laws ~45,000): 200,000 leaves them four times that, ~70 MB a tree. */
#define EA_MAX_PAGE_TAGS 200000u
/* Attributes of one tag handed to gumbo, which compares each with those before it: one tag
 * of 400,000 attributes (4 MB) took minutes. Real elements have a few dozen at most. */
#define EA_MAX_TAG_ATTRS 256u
/* Work of one page's cascade (its <style>s and linked sheets): one per element per sheet, per
 * rule that could match an element by the rule's key (its last compound's id, a class, the
 * tag, or none) and per ancestor or sibling its combinators try. 20,000 rules keyed on "p"
 * over 20,000 <p>s were 400 million tests, 25 s; 20,000 <style> blocks over 40,000 elements
 * 53 s. The most among the corpus/ pages is ~120,000 (their <style>s; a framework's sheet
 * with descendant selectors over a large page may take tens of millions). Past it every
 * element's styles are "maybe" (contrast and visibility need review): ~3 s at most. */
#define EA_MAX_CASCADE_WORK 100000000u
/* Parse errors gumbo keeps for one page (its default is unlimited). */
#define EA_MAX_PARSE_ERRORS 1000
/* Bytes of an element's start tag quoted as a finding's HTML snippet. */
#define EA_MAX_SNIPPET 300
/* Characters of an accessible name; a longer one is cut (no rule needs more). */
#define EA_MAX_ACCNAME 4096
/* Elements of one tag scanned to shorten one CSS selector: a page with 10,000 links would
 * otherwise cost 10,000 x 10,000 tests; past the cap the full path (unique anyway) is used. */
#define EA_MAX_SELECTOR_SCAN 4096
/* aria-labelledby references followed from one element. */
#define EA_MAX_IDREFS 32
/* Findings kept for one rule on one page; the rest are counted, not stored. */
#define EA_MAX_NODES_PER_RULE 1000
/* Passing elements kept (with target and snippet) for one rule on one page: reports list
 * failures, not passes, and building a selector for each of thousands of passing text
 * elements (color-contrast) cost more than all the checks; the rest are counted. */
#define EA_MAX_PASS_NODES_PER_RULE 50
/* Lines and line length of a seeds file. */
#define EA_MAX_SEED_LINE 4096
#define EA_MAX_SEEDS     10000
/* Bytes of one stylesheet read by the CSS tokenizer: bootstrap.css is 200 KB, the largest
 * sheet in corpus/ under 1 MB; past the cap the rest of the sheet is ignored. */
#define EA_MAX_CSS (4u * 1024 * 1024)
/* Rules kept from one stylesheet for the cascade (only rules that set a property the checks
 * read are kept); a sheet with more is a generated or hostile one, and the rest is ignored. */
#define EA_MAX_CSS_RULES 50000
/* Compounds of one selector matched exactly (a longer one, never written by hand, only
 * "may" apply), and the candidate elements tried for one selector on one element when
 * descendant and sibling combinators backtrack (past it the rule "may" apply). */
#define EA_MAX_SELECTOR_COMPOUNDS 32
#define EA_MAX_SELECTOR_STEPS     4096
/* Elements of a link's block of text scanned for boxes that may cover its background
 * (link-in-text-block): a paragraph has a handful; past the cap the block counts as busy. */
#define EA_MAX_LINK_BLOCK_SCAN 200
/* Siblings counted for :nth-child() and its kin; past it the position is unknown. */
#define EA_MAX_NTH_SIBLINGS 10000

/* Bytes of one rules data file (rules/concepts.xml is ~8 KB; a bigger one is a mistake). */
#define EA_MAX_RULE_FILE (1u * 1024 * 1024)
/* Bytes of one page's text the questionnaire scans for phones, e-mails, dates and words: a
 * contacts or news page is a few KB of text; a gigantic page is cut, not refused. */
#define EA_MAX_SITE_TEXT (512u * 1024)
/* Distinct open data file links counted for one site (open_data_files): a catalogue page
 * lists dozens; a generated endless list stops here. */
#define EA_MAX_SITE_FILES 10000
/* Bytes of the evidence kept for one questionnaire answer (URL + element or excerpt). */
#define EA_MAX_EVIDENCE 600

/* Bytes of robots.txt read (RFC 9309 §2.5 asks for at least 500 KiB; Google reads that). */
#define EA_MAX_ROBOTS (500u * 1024)
/* Sitemap: lines kept from one robots.txt, and sitemap files fetched per site (index files
 * included): real sites list a handful; a hostile one must not make us fetch thousands. */
#define EA_MAX_SITEMAPS 16
/* URLs and uncompressed bytes of one sitemap file (sitemaps.org's own limits). */
#define EA_MAX_SITEMAP_URLS  50000
#define EA_MAX_SITEMAP_BYTES (50u * 1024 * 1024)
/* URLs that differ only in their query string kept per path: an endless calendar
 * (?month=...) stops here; real listings with pages and filters rarely need more. */
#define EA_MAX_QUERY_VARIANTS 10
/* Times one path segment may repeat in a URL (/a/b/a/b/a/... is a relative-link trap). */
#define EA_MAX_SEGMENT_REPEAT 2
/* URLs a site's frontier holds (seen set); past it new links are dropped: a budget of
 * --max-pages never needs more than a few thousand candidates. */
#define EA_MAX_FRONTIER 20000
/* Bytes of one linked stylesheet, and of all stylesheets kept for one site's pages. */
#define EA_MAX_STYLESHEET       (1u * 1024 * 1024)
#define EA_MAX_SITE_STYLESHEETS (4u * 1024 * 1024)
/* Stylesheet bytes an audit keeps for every site that links the same sheet (a shared
 * platform's, a CDN's): fetched once a run instead of once a site. Past it a sheet is fetched
 * again for each site that asks. */
#define EA_MAX_RUN_STYLESHEETS (32u * 1024 * 1024)
/* Linked stylesheets fetched for one page. */
#define EA_MAX_PAGE_STYLESHEETS 16
/* Distinct stylesheet files fetched for one site: real sites share a handful across pages;
 * a new one on every page must not double the requests of the page budget. */
#define EA_MAX_SITE_STYLESHEET_FILES 64
/* @import rules followed per stylesheet, and how deep imports of imports go (a sheet linked
 * from a page is depth 0). Counted within the two limits above. */
#define EA_MAX_CSS_IMPORTS      16
#define EA_MAX_CSS_IMPORT_DEPTH 4
/* Links read from one page: a real page has a few hundred; a generated one may have
 * millions, and the crawl needs only --max-pages of them. */
#define EA_MAX_PAGE_LINKS 5000
/* Longest wait between requests to one host that robots.txt's Crawl-delay may ask: a
 * larger value would make one site's budget outlast the night. */
#define EA_MAX_CRAWL_DELAY 10.0
/* Sites an audit crawls at once. Without --delay a few per slot set keep the slots busy (see
 * cli/audit.c); with one, each site starts a request only every DELAY seconds and many more
 * are needed. Each holds its pages' results until it is stored: 128 covers the ~104
 * institutions of a night. */
#define EA_MAX_SITES_IN_PROGRESS 128
/* Worker threads that parse and check pages while the fetcher's loop runs: more than the
 * CPUs only adds memory (a tree per busy worker), and a page job is CPU only. */
#define EA_MAX_WORKERS 16
/* Parsed pages (trees) an audit holds at once, per worker: the one a worker works on and one
 * waiting for it. A tree is ~10-40 times its page's bytes (a 2.6 MB page, ~30 MB); the pages
 * behind wait as bytes. Without a bound, the trees of the sites in progress piled up when
 * the workers fell behind (100 sites of corpus pages under --delay: 700-800 MB). */
#define EA_TREES_PER_WORKER 2
/* Bytes of trees (ea_doc_bytes) kept while their pages wait for stylesheets, over all sites;
 * past it a waiting page's tree is dropped and parsed again when its sheets have come. */
#define EA_MAX_WAITING_TREE_BYTES (32u * 1024 * 1024)
/* Bytes of fetched pages an audit holds before they are parsed, over all sites in progress;
 * past it no new page request starts until the workers have caught up (stylesheets, retries
 * and redirect hops still do, and the transfers in flight end: a soft bound, at most
 * --concurrency x EA_MAX_BODY over). Under a --delay every site of a night is in progress,
 * each with a few pages fetched ahead: ~100 sites of heavy pages held 165 MB of bodies.
 * Larger than any one body (EA_MAX_BODY). */
#define EA_MAX_WAITING_BODY_BYTES (64u * 1024 * 1024)

/* Bytes of one CSV `eaudit score` reads (evaluation sheet, self-assessment, expert answers):
 * ~110 institutions x ~60 columns is ~100 KB; anything past 16 MB is not such a table. */
#define EA_MAX_SCORE_CSV (16u * 1024 * 1024)

#endif

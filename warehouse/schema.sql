-- stemwatch warehouse schema. This file is the public interface users write SQL against:
-- every table and column carries a COMMENT (a test fails when one is missing), and
-- docs/schema.md is generated from these comments (`stemwatch schema-doc`).
-- Character offsets (start_char, end_char) always index articles.main_text, 0-based,
-- end exclusive, in Unicode code points: substr(main_text, start_char + 1, end_char - start_char).
-- {{name}} stands for the values of vocabulary `name` (etl/knowledge/data/vocabulary.yaml), filled
-- in by warehouse/db.py::create_schema from the rows the caller stores in the vocabulary table.
-- Keys: no per-article table declares its key. Each is named in a "-- key (...)" comment above
-- its table and kept unique by the ETL (checked by tests/test_warehouse.py): article_id is a hash
-- of source_path (so source_path is unique with it), and the child tables number their rows per
-- article. A declared key is an ART index, and it cost twice: DuckDB keeps it in memory for the
-- whole build (for the child tables about 240 MB at 100,000 articles, more than the writer's
-- memory cap), and a table with one takes a refresh's new rows into its last row group, so every
-- refresh rewrote up to 2,047 articles' text at its CHECKPOINT (etl/load/publish.py COMPACT_EVERY).

CREATE TABLE vocabulary (
    vocabulary   VARCHAR NOT NULL,
    value        VARCHAR NOT NULL,
    position     INTEGER NOT NULL CHECK (position >= 0),
    label        VARCHAR NOT NULL,
    colour       VARCHAR CHECK (colour IS NULL OR regexp_full_match(colour, '#[0-9a-fA-F]{6}')),
    description  VARCHAR NOT NULL,
    PRIMARY KEY (vocabulary, value)
);

-- key (article_id): unique by construction, not declared (see the header)
CREATE TABLE articles (
    article_id            VARCHAR NOT NULL,
    source_path           VARCHAR NOT NULL,
    content_sha256        VARCHAR NOT NULL CHECK (length(content_sha256) = 64),
    file_bytes            BIGINT  NOT NULL CHECK (file_bytes >= 0),
    format                VARCHAR NOT NULL CHECK (format IN ('text', 'html', 'markdown_html')),
    title                 VARCHAR,
    author                VARCHAR,
    site_name             VARCHAR,
    url                   VARCHAR,
    url_source            VARCHAR CHECK (url_source IN ('manifest', 'front_matter', 'html_meta', 'header')),
    domain                VARCHAR,
    published_date        DATE,
    date_source           VARCHAR CHECK (date_source IN ('front_matter', 'html_meta', 'header', 'byline', 'dateline', 'after_text')),
    url_date              DATE,
    language              VARCHAR NOT NULL CHECK (language IN ('zh-Hans', 'zh-Hant', 'en', 'und')),
    source_type           VARCHAR NOT NULL CHECK (source_type IN ({{source_types}})),
    source_type_evidence  VARCHAR[] NOT NULL,
    page_source_type      VARCHAR NOT NULL CHECK (page_source_type IN ({{source_types}})),
    page_source_evidence  VARCHAR[] NOT NULL,
    main_text             VARCHAR NOT NULL,
    main_chars            INTEGER NOT NULL CHECK (main_chars >= 0),
    body_end_char         INTEGER NOT NULL CHECK (body_end_char >= 0 AND body_end_char <= main_chars),
    raw_chars             INTEGER NOT NULL CHECK (raw_chars >= 0),
    cut_chars             INTEGER NOT NULL CHECK (cut_chars >= 0),
    parse_warnings        VARCHAR[] NOT NULL,
    best_evidence_level   VARCHAR CHECK (best_evidence_level IN ('L1_systematic_review', 'L2_randomised_trial', 'L3_clinical_study',
                              'L4_case_series', 'L5_preclinical_or_opinion', 'L6_non_research')),
    trial_registry_ids    VARCHAR[] NOT NULL,
    run_id                BIGINT  NOT NULL
);

-- The files' whole text is stored zstd-compressed: DuckDB 2's default analysis (DICT_FSST) of
-- it cost the single writer of a full load 1.7 ms of CPU a document, half of all it did, for
-- columns that are read whole (to audit a page; re-annotation reads them) and never searched by
-- the dashboard (benchmarks/results/engines.md). DuckDB 1.5 reads them.
-- key (article_id): unique by construction, not declared (see the header)
CREATE TABLE documents (
    article_id   VARCHAR NOT NULL,
    source_path  VARCHAR NOT NULL,
    encoding     VARCHAR NOT NULL,
    raw_text     VARCHAR USING COMPRESSION zstd NOT NULL,
    outside_text VARCHAR USING COMPRESSION zstd NOT NULL DEFAULT ''
);

-- key (article_id, cut_no): unique by construction, not declared (see the header)
CREATE TABLE cut_blocks (
    article_id  VARCHAR NOT NULL,
    cut_no      INTEGER NOT NULL CHECK (cut_no >= 0),
    rule        VARCHAR NOT NULL,
    text        VARCHAR NOT NULL
);

-- key (article_id, section_no): unique by construction, not declared (see the header)
CREATE TABLE sections (
    article_id  VARCHAR NOT NULL,
    section_no  INTEGER NOT NULL CHECK (section_no >= 0),
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 6),
    heading     VARCHAR NOT NULL,
    body        VARCHAR NOT NULL,
    start_char  INTEGER NOT NULL CHECK (start_char >= 0),
    end_char    INTEGER NOT NULL,
    CHECK (end_char >= start_char)
);

-- key (article_id, citation_no): unique by construction, not declared (see the header)
CREATE TABLE citations (
    article_id   VARCHAR NOT NULL,
    citation_no  INTEGER NOT NULL CHECK (citation_no >= 1),
    raw          VARCHAR NOT NULL,
    style        VARCHAR NOT NULL CHECK (style IN ('vancouver', 'nature', 'gbt7714', 'url', 'other')),
    authors      VARCHAR[] NOT NULL,
    title        VARCHAR,
    container    VARCHAR,
    year         INTEGER CHECK (year IS NULL OR year BETWEEN 1800 AND 2100),
    volume       VARCHAR,
    issue        VARCHAR,
    pages        VARCHAR,
    doi          VARCHAR,
    pmid         VARCHAR,
    url          VARCHAR,
    start_char   INTEGER NOT NULL CHECK (start_char >= 0),
    end_char     INTEGER NOT NULL,
    kind         VARCHAR NOT NULL CHECK (kind IN ('journal_article', 'trial_registry', 'government', 'news',
                     'company', 'encyclopedia', 'other')),
    study_design VARCHAR CHECK (study_design IN ('systematic_review', 'randomised_trial', 'clinical_study',
                     'case_report', 'review', 'preclinical', 'other')),
    evidence_level VARCHAR NOT NULL CHECK (evidence_level IN ('L1_systematic_review', 'L2_randomised_trial', 'L3_clinical_study',
                              'L4_case_series', 'L5_preclinical_or_opinion', 'L6_non_research')),
    registry_id  VARCHAR,
    CHECK (end_char >= start_char),
    CHECK ((study_design IS NOT NULL) = (kind IN ('journal_article', 'trial_registry'))),
    CHECK ((registry_id IS NOT NULL) = (kind = 'trial_registry'))
);

-- key (article_id, signal_no): unique by construction, not declared (see the header)
CREATE TABLE commercial_signals (
    article_id  VARCHAR NOT NULL,
    signal_no   INTEGER NOT NULL CHECK (signal_no >= 0),
    kind        VARCHAR NOT NULL CHECK (kind IN ({{signal_kinds}})),
    text        VARCHAR NOT NULL,
    location    VARCHAR NOT NULL CHECK (location IN ('main_text', 'boilerplate')),
    start_char  INTEGER CHECK (start_char IS NULL OR start_char >= 0),
    CHECK ((location = 'main_text') = (start_char IS NOT NULL))
);

CREATE TABLE diseases (
    concept_id      VARCHAR PRIMARY KEY,
    canonical_name  VARCHAR NOT NULL,
    english_name    VARCHAR,
    icd10           VARCHAR,
    icd10_chapter   VARCHAR,
    category        VARCHAR NOT NULL,
    mention_type    VARCHAR NOT NULL CHECK (mention_type IN ('disease', 'disease_group', 'symptom')),
    synonyms        VARCHAR[] NOT NULL,
    lexicon_file    VARCHAR NOT NULL
);

-- key (article_id, mention_no): unique by construction, not declared (see the header)
CREATE TABLE disease_mentions (
    article_id      VARCHAR NOT NULL,
    mention_no      INTEGER NOT NULL CHECK (mention_no >= 0),
    section_no      INTEGER,
    start_char      INTEGER NOT NULL CHECK (start_char >= 0),
    end_char        INTEGER NOT NULL,
    surface         VARCHAR NOT NULL,
    concept_id      VARCHAR NOT NULL,
    canonical_name  VARCHAR NOT NULL,
    icd10           VARCHAR,
    mention_type    VARCHAR NOT NULL CHECK (mention_type IN ('disease', 'disease_group', 'symptom')),
    context         VARCHAR NOT NULL CHECK (context IN ({{claim_contexts}})),
    trigger         VARCHAR,
    sentence        VARCHAR NOT NULL,
    reported        BOOLEAN NOT NULL DEFAULT false,
    CHECK (end_char > start_char),
    CHECK ((context = 'neutral') = (trigger IS NULL))
);

-- key (article_id, concept_id): unique by construction, not declared (see the header)
CREATE TABLE claims (
    article_id           VARCHAR NOT NULL,
    concept_id           VARCHAR NOT NULL,
    canonical_name       VARCHAR NOT NULL,
    mention_type         VARCHAR NOT NULL CHECK (mention_type IN ('disease', 'disease_group', 'symptom')),
    mentions             INTEGER NOT NULL CHECK (mentions >= 1),
    own_mentions         INTEGER NOT NULL CHECK (own_mentions >= 0),
    reported_mentions    INTEGER NOT NULL CHECK (reported_mentions >= 0),
    own_stance           VARCHAR CHECK (own_stance IN ('asserted', 'hedged', 'negated', 'neutral')),
    reported_stance      VARCHAR CHECK (reported_stance IN ('asserted', 'hedged', 'negated', 'neutral')),
    voice                VARCHAR NOT NULL CHECK (voice IN ('own', 'reported')),
    mention_no           INTEGER NOT NULL CHECK (mention_no >= 0),
    own_mention_no       INTEGER,
    reported_mention_no  INTEGER,
    start_char           INTEGER NOT NULL CHECK (start_char >= 0),
    end_char             INTEGER NOT NULL,
    sentence             VARCHAR NOT NULL,
    sentence_start       INTEGER NOT NULL CHECK (sentence_start >= 0),
    sentence_end         INTEGER NOT NULL,
    wording_class        VARCHAR CHECK (wording_class IN ('cure', 'treat', 'improve', 'reverse', 'prevent',
                             'anti_ageing', 'rejuvenate')),
    wording_text         VARCHAR,
    citation             VARCHAR NOT NULL CHECK (citation IN ('in_sentence', 'in_section', 'none')),
    citation_text        VARCHAR,
    CHECK (mentions = own_mentions + reported_mentions),
    CHECK ((own_mentions > 0) = (own_stance IS NOT NULL AND own_mention_no IS NOT NULL)),
    CHECK ((reported_mentions > 0) = (reported_stance IS NOT NULL AND reported_mention_no IS NOT NULL)),
    CHECK ((voice = 'own') = (own_mentions > 0)),
    CHECK ((wording_class IS NULL) = (wording_text IS NULL)),
    CHECK ((citation = 'none') = (citation_text IS NULL)),
    CHECK (sentence_start <= start_char AND start_char < end_char AND end_char <= sentence_end)
);

-- key (article_id, flag_no): unique by construction, not declared (see the header)
CREATE TABLE red_flags (
    article_id    VARCHAR NOT NULL,
    flag_no       INTEGER NOT NULL CHECK (flag_no >= 0),
    rule_id       VARCHAR NOT NULL,
    basis_id      VARCHAR NOT NULL CHECK (basis_id IN ('ad_law_9_3', 'ad_law_16_1', 'ad_law_16_2', 'ad_law_16_3',
                      'ad_law_16_4', 'med_ad_7', 'stem_cell_research_6', 'internet_ad_8')),
    law           VARCHAR NOT NULL,
    law_article   VARCHAR NOT NULL,
    law_item      VARCHAR,
    location      VARCHAR NOT NULL CHECK (location IN ('article', 'chrome')),
    matched_text  VARCHAR NOT NULL,
    start_char    INTEGER CHECK (start_char IS NULL OR start_char >= 0),
    end_char      INTEGER,
    cut_no        INTEGER CHECK (cut_no IS NULL OR cut_no >= 0),
    chrome_text   VARCHAR,
    chrome_start  INTEGER CHECK (chrome_start IS NULL OR chrome_start >= 0),
    sentence      VARCHAR NOT NULL,
    CHECK ((location = 'article') = (start_char IS NOT NULL AND end_char IS NOT NULL)),
    CHECK ((location = 'chrome') = (chrome_text IS NOT NULL AND chrome_start IS NOT NULL)),
    CHECK (location = 'chrome' OR cut_no IS NULL),
    CHECK (end_char IS NULL OR end_char > start_char)
);

-- key (article_id): unique by construction, not declared (see the header)
CREATE TABLE credibility (
    article_id                     VARCHAR NOT NULL,
    jama_authorship                SMALLINT NOT NULL CHECK (jama_authorship IN (0, 1)),
    jama_authorship_evidence       VARCHAR,
    jama_authorship_start          INTEGER CHECK (jama_authorship_start IS NULL OR jama_authorship_start >= 0),
    jama_attribution               SMALLINT NOT NULL CHECK (jama_attribution IN (0, 1)),
    jama_attribution_evidence      VARCHAR,
    jama_attribution_start         INTEGER CHECK (jama_attribution_start IS NULL OR jama_attribution_start >= 0),
    jama_disclosure                SMALLINT NOT NULL CHECK (jama_disclosure IN (0, 1)),
    jama_disclosure_evidence       VARCHAR,
    jama_disclosure_start          INTEGER CHECK (jama_disclosure_start IS NULL OR jama_disclosure_start >= 0),
    jama_currency                  SMALLINT NOT NULL CHECK (jama_currency IN (0, 1)),
    jama_currency_evidence         VARCHAR,
    jama_currency_start            INTEGER CHECK (jama_currency_start IS NULL OR jama_currency_start >= 0),
    hon_disclaimer                 SMALLINT NOT NULL CHECK (hon_disclaimer IN (0, 1)),
    hon_disclaimer_evidence        VARCHAR,
    hon_disclaimer_start           INTEGER CHECK (hon_disclaimer_start IS NULL OR hon_disclaimer_start >= 0),
    hon_contact                    SMALLINT NOT NULL CHECK (hon_contact IN (0, 1)),
    hon_contact_evidence           VARCHAR,
    hon_contact_start              INTEGER CHECK (hon_contact_start IS NULL OR hon_contact_start >= 0),
    hon_ad_labelled                SMALLINT NOT NULL CHECK (hon_ad_labelled IN (0, 1)),
    hon_ad_labelled_evidence       VARCHAR,
    hon_ad_labelled_start          INTEGER CHECK (hon_ad_labelled_start IS NULL OR hon_ad_labelled_start >= 0),
    discern_risks                  SMALLINT NOT NULL CHECK (discern_risks IN (0, 1)),
    discern_risks_evidence         VARCHAR,
    discern_risks_start            INTEGER CHECK (discern_risks_start IS NULL OR discern_risks_start >= 0),
    discern_uncertainty            SMALLINT NOT NULL CHECK (discern_uncertainty IN (0, 1)),
    discern_uncertainty_evidence   VARCHAR,
    discern_uncertainty_start      INTEGER CHECK (discern_uncertainty_start IS NULL OR discern_uncertainty_start >= 0),
    discern_alternatives           SMALLINT NOT NULL CHECK (discern_alternatives IN (0, 1)),
    discern_alternatives_evidence  VARCHAR,
    discern_alternatives_start     INTEGER CHECK (discern_alternatives_start IS NULL OR discern_alternatives_start >= 0),
    jama_total                     SMALLINT NOT NULL CHECK (jama_total BETWEEN 0 AND 4),
    CHECK (jama_total = jama_authorship + jama_attribution + jama_disclosure + jama_currency),
    CHECK (jama_authorship = 1 OR (jama_authorship_start IS NULL)),
    CHECK (jama_attribution = 1 OR (jama_attribution_start IS NULL)),
    CHECK (jama_disclosure = 1 OR (jama_disclosure_start IS NULL)),
    CHECK (jama_currency = 1 OR (jama_currency_start IS NULL)),
    CHECK (hon_disclaimer = 1 OR (hon_disclaimer_start IS NULL)),
    CHECK (hon_contact = 1 OR (hon_contact_start IS NULL)),
    CHECK (hon_ad_labelled = 1 OR (hon_ad_labelled_start IS NULL)),
    CHECK (discern_risks = 1 OR (discern_risks_start IS NULL)),
    CHECK (discern_uncertainty = 1 OR (discern_uncertainty_start IS NULL)),
    CHECK (discern_alternatives = 1 OR (discern_alternatives_start IS NULL))
);

CREATE TABLE lexicon_candidates (
    term              VARCHAR PRIMARY KEY,
    occurrences       INTEGER NOT NULL CHECK (occurrences >= 1),
    articles          INTEGER NOT NULL CHECK (articles >= 1),
    example_sentence  VARCHAR NOT NULL,
    example_article_id VARCHAR NOT NULL
);

-- key (article_id, concept_id): unique by construction, not declared (see the header)
CREATE TABLE article_concepts (
    article_id      VARCHAR NOT NULL,
    concept_id      VARCHAR NOT NULL,
    canonical_name  VARCHAR NOT NULL,
    mention_type    VARCHAR NOT NULL,
    icd10_chapter   VARCHAR,
    source_type     VARCHAR NOT NULL,
    site_name       VARCHAR,
    published_date  DATE,
    mentions        INTEGER NOT NULL,
    asserted        INTEGER NOT NULL,
    hedged          INTEGER NOT NULL,
    negated         INTEGER NOT NULL,
    neutral         INTEGER NOT NULL,
    first_char      INTEGER NOT NULL,
    claim_voice     VARCHAR CHECK (claim_voice IN ('own', 'reported')),
    CHECK (mentions = asserted + hedged + negated + neutral)
);

-- key (article_id): unique by construction, not declared (see the header)
CREATE TABLE article_stats (
    article_id         VARCHAR NOT NULL,
    source_type        VARCHAR NOT NULL,
    site_name          VARCHAR,
    published_date     DATE,
    citations          INTEGER NOT NULL,
    citations_with_id  INTEGER NOT NULL,
    mentions           INTEGER NOT NULL,
    signals            INTEGER NOT NULL,
    signal_counts      MAP(VARCHAR, INTEGER) NOT NULL,
    jama_total         SMALLINT CHECK (jama_total BETWEEN 0 AND 4),
    jama_authorship    SMALLINT CHECK (jama_authorship IN (0, 1)),
    jama_attribution   SMALLINT CHECK (jama_attribution IN (0, 1)),
    jama_disclosure    SMALLINT CHECK (jama_disclosure IN (0, 1)),
    jama_currency      SMALLINT CHECK (jama_currency IN (0, 1))
);

CREATE TABLE topic_cells (
    concept_id      VARCHAR NOT NULL,
    source_type     VARCHAR NOT NULL,
    contexts_mask   UTINYINT NOT NULL CHECK (contexts_mask BETWEEN 1 AND 15),
    articles        INTEGER NOT NULL CHECK (articles >= 1),
    asserted        BIGINT NOT NULL,
    hedged          BIGINT NOT NULL,
    negated         BIGINT NOT NULL,
    neutral         BIGINT NOT NULL,
    PRIMARY KEY (concept_id, source_type, contexts_mask)
);

CREATE TABLE claim_cells (
    concept_id   VARCHAR NOT NULL,
    source_type  VARCHAR NOT NULL,
    voice        VARCHAR NOT NULL CHECK (voice IN ('own', 'reported')),
    stance       VARCHAR NOT NULL CHECK (stance IN ('asserted', 'hedged', 'negated', 'neutral')),
    claims       INTEGER NOT NULL CHECK (claims >= 1),
    PRIMARY KEY (concept_id, source_type, voice, stance)
);

CREATE TABLE flag_cells (
    basis_id          VARCHAR NOT NULL,
    source_type       VARCHAR NOT NULL,
    basis             VARCHAR NOT NULL,
    text_hits         INTEGER NOT NULL CHECK (text_hits >= 0),
    chrome_hits       INTEGER NOT NULL CHECK (chrome_hits >= 0),
    text_articles     INTEGER NOT NULL CHECK (text_articles >= 0),
    articles          INTEGER NOT NULL CHECK (articles >= 1),
    PRIMARY KEY (basis_id, source_type)
);

-- key (article_id, term): unique by construction, not declared (see the header)
CREATE TABLE candidate_terms (
    article_id        VARCHAR NOT NULL,
    term              VARCHAR NOT NULL,
    occurrences       INTEGER NOT NULL CHECK (occurrences >= 1),
    example_sentence  VARCHAR NOT NULL
);

CREATE TABLE source_files (
    source_path     VARCHAR PRIMARY KEY,
    file_bytes      BIGINT  NOT NULL,
    mtime_ns        BIGINT  NOT NULL,
    content_sha256  VARCHAR NOT NULL,
    status          VARCHAR NOT NULL CHECK (status IN ('loaded', 'quarantined', 'manifest')),
    crawl_url       VARCHAR
);

CREATE TABLE quarantine (
    source_path     VARCHAR PRIMARY KEY,
    content_sha256  VARCHAR,
    reason          VARCHAR NOT NULL,
    detail          VARCHAR NOT NULL,
    seen_at         TIMESTAMP NOT NULL,
    run_id          BIGINT NOT NULL
);

CREATE TABLE etl_runs (
    run_id             BIGINT PRIMARY KEY,
    started_at         TIMESTAMP NOT NULL,
    finished_at        TIMESTAMP,
    status             VARCHAR NOT NULL CHECK (status IN ('success', 'failed')),
    mode               VARCHAR NOT NULL CHECK (mode IN ('incremental', 'full')),
    trigger_kind       VARCHAR NOT NULL,
    files_seen         INTEGER NOT NULL,
    files_loaded       INTEGER NOT NULL,
    files_unchanged    INTEGER NOT NULL,
    files_removed      INTEGER NOT NULL,
    files_quarantined  INTEGER NOT NULL,
    input_bytes        BIGINT NOT NULL,
    seeds_newest_mtime TIMESTAMP,
    schema_hash        VARCHAR NOT NULL,
    build_hash         VARCHAR NOT NULL,
    extract_hash       VARCHAR,
    annotate_hash      VARCHAR,
    lexicon_hash       VARCHAR,
    sources_hash       VARCHAR,
    stages             VARCHAR[],
    stage_reason       VARCHAR,
    based_on_run_id    BIGINT,
    changed            STRUCT(articles VARCHAR[], files VARCHAR[], terms VARCHAR[], concepts VARCHAR[],
                              bases VARCHAR[], tail STRUCT(table_name VARCHAR, "rows" BIGINT)[]),
    message            VARCHAR NOT NULL,
    stemwatch_version  VARCHAR NOT NULL
);

COMMENT ON TABLE vocabulary IS 'Every closed set of values the warehouse stores (source types, signal kinds, claim contexts, ...), written by the ETL from etl/knowledge/data/vocabulary.yaml. The CHECKs on the columns that hold these values were made from it; the dashboard takes its labels and colours from it.';
COMMENT ON COLUMN vocabulary.vocabulary IS 'Name of the vocabulary: source_types, signal_kinds, claim_contexts, ...';
COMMENT ON COLUMN vocabulary.value IS 'The value as stored in the tables (articles.source_type, commercial_signals.kind, disease_mentions.context, ...).';
COMMENT ON COLUMN vocabulary.position IS 'Display order within the vocabulary, from 0.';
COMMENT ON COLUMN vocabulary.label IS 'What the dashboard shows for the value.';
COMMENT ON COLUMN vocabulary.colour IS 'Colour (#rrggbb) of the value on the dashboard''s charts, NULL when it has none.';
COMMENT ON COLUMN vocabulary.description IS 'What the value means.';

COMMENT ON TABLE articles IS 'One row per loaded source file: metadata, source type and the extracted main text that every offset indexes.';
COMMENT ON COLUMN articles.article_id IS 'Stable id: first 16 hex digits of sha256 of source_path; the same relative path always gets the same id.';
COMMENT ON COLUMN articles.source_path IS 'Path of the file relative to the seeds folder, with forward slashes.';
COMMENT ON COLUMN articles.content_sha256 IS 'sha256 of the file bytes as loaded; a change of content means the article is re-extracted.';
COMMENT ON COLUMN articles.file_bytes IS 'Size of the source file in bytes.';
COMMENT ON COLUMN articles.format IS 'How the file was read: text (plain-text scrape), html, or markdown_html (YAML front matter followed by Markdown/HTML).';
COMMENT ON COLUMN articles.title IS 'The article''s own title (front matter, og:title, h1, or the headline line of a scrape), not the site''s name.';
COMMENT ON COLUMN articles.author IS 'Author as named by the page (e.g. the answerer on Zhihu), NULL when the page names none.';
COMMENT ON COLUMN articles.site_name IS 'Publishing site or brand (知乎, 360doc个人图书馆, a clinic''s name), NULL when it cannot be told.';
COMMENT ON COLUMN articles.url IS 'Address of the page: the crawl address given by the seeds folder''s manifest (manifest.csv, manifest.jsonl or manifest.json) when there is one, else the address the file states of itself (front matter url/source_url/link, canonical link, og:url, a URL: header line); NULL when neither is known.';
COMMENT ON COLUMN articles.url_source IS 'Where url came from: manifest (the crawl address), front_matter, html_meta (canonical link or og:url) or header (a URL: line at the top of the page); NULL when url is NULL.';
COMMENT ON COLUMN articles.domain IS 'Host of url, lower case, without a leading www. (e.g. sohu.com, zhidao.baidu.com); source-type rules read it; NULL when url is NULL.';
COMMENT ON COLUMN articles.published_date IS 'The article''s own date as the page states it: front matter, HTML meta, a labelled or bare date line in the header above the title or the byline under it (发布时间, 發佈時間, Published, Updated, 2026-05-12, May 12, 2026), or a dateline (…2026年2月25日电). Never a date from the headline, the body, a neighbouring article''s link or only the URL. NULL when unknown.';
COMMENT ON COLUMN articles.date_source IS 'Where published_date came from: front_matter, html_meta, header (above the title), byline (under the title, a meta line the text puts lower: a Q&A question''s 男 67岁 | 2023-05-14, or the labelled info line right above an HTML page''s content container), dateline (start of the first paragraph) or after_text (a line right after the text that dates it: 2024-01-09 发布, 编辑于 2023-09-18, or a labelled line right below an HTML page''s content container; read only when nothing above dates the page). A date the page shows beats its html_meta date, except when the page shows two dates (成文日期 and 发布日期, published and updated) and the html_meta date is one of them: then that one, as html_meta. A letter''s written date (来信时间) gives way to a reply''s published date further down (答复时间), and a thread is dated by its first post''s date line; both read as byline. A paper''s 收稿日期 and 修回日期 are never read.';
COMMENT ON COLUMN articles.url_date IS 'A date written in the article''s URL path (/2026/0512/, /2026-05/12/), kept apart from published_date because it is often an upload or archive date; NULL when the page carries no URL or the URL has no date.';
COMMENT ON COLUMN articles.language IS 'Script of the body: zh-Hans (Simplified Chinese), zh-Hant (Traditional Chinese, also machine-converted), en (mostly Latin letters) or und (no letters).';
COMMENT ON COLUMN articles.source_type IS 'Kind of source: a value of vocabulary source_types (social_qa, commercial_clinic, news, ...; see the vocabulary table).';
COMMENT ON COLUMN articles.source_type_evidence IS 'The cues that decided source_type, e.g. sources.csv: zhihu.com, cue: hotline phone; the first entry is the deciding rule.';
COMMENT ON COLUMN articles.page_source_type IS 'The source type the page''s own evidence gives (the families of cues), before the sources file is consulted; source_type differs when a sources-file row matches url or site_name. Stored so that a sources-file edit re-classifies every article without reading its file.';
COMMENT ON COLUMN articles.page_source_evidence IS 'The cues behind page_source_type (the first entry is the deciding rule); equal to source_type_evidence unless the sources file decided.';
COMMENT ON COLUMN articles.main_text IS 'The article title line followed by the body with navigation, banners, related-article lists and footers removed. All character offsets index this text.';
COMMENT ON COLUMN articles.main_chars IS 'Length of main_text in characters.';
COMMENT ON COLUMN articles.body_end_char IS 'Offset where the reference list begins (= main_chars when there is none); disease mentions are only taken before it.';
COMMENT ON COLUMN articles.raw_chars IS 'Length of the decoded file text (documents.raw_text) in characters.';
COMMENT ON COLUMN articles.cut_chars IS 'Characters of text lines removed as boilerplate (see cut_blocks).';
COMMENT ON COLUMN articles.parse_warnings IS 'Non-fatal problems met while reading the file (replaced bytes, invalid front matter, truncated nesting).';
COMMENT ON COLUMN articles.best_evidence_level IS 'Strongest evidence level among the article''s citations and the trial-registry ids in its body (L1_systematic_review strongest ... L6_non_research); NULL when it cites nothing. Scale: etl/knowledge/data/vocabulary.yaml evidence_levels.';
COMMENT ON COLUMN articles.trial_registry_ids IS 'Clinical-trial registry ids found in the article body (NCT01234567, ChiCTR..., ISRCTN...), in order of first appearance.';
COMMENT ON COLUMN articles.run_id IS 'etl_runs.run_id of the run that last (re)loaded this article.';

COMMENT ON TABLE documents IS 'The full decoded text of every loaded file, so that what was cut as boilerplate can be audited.';
COMMENT ON COLUMN documents.article_id IS 'articles.article_id of this file.';
COMMENT ON COLUMN documents.source_path IS 'Path relative to the seeds folder.';
COMMENT ON COLUMN documents.encoding IS 'Encoding the bytes were decoded with (utf-8, utf-8-sig, gb18030, utf-16, ...).';
COMMENT ON COLUMN documents.raw_text IS 'The whole file decoded to text, markup included.';
COMMENT ON COLUMN documents.outside_text IS 'Text of an HTML page outside its article container (empty for other pages); annotation reads it as page furniture.';

COMMENT ON TABLE cut_blocks IS 'Each text line removed from the main text, with the rule that removed it (header, related_list, footer, ...).';
COMMENT ON COLUMN cut_blocks.article_id IS 'articles.article_id.';
COMMENT ON COLUMN cut_blocks.cut_no IS 'Order of the removed line within the document, from 0.';
COMMENT ON COLUMN cut_blocks.rule IS 'Name of the boilerplate rule (etl/knowledge/data/rules/boilerplate.yaml) that removed the line.';
COMMENT ON COLUMN cut_blocks.text IS 'The removed line as it stood in the document.';

COMMENT ON TABLE sections IS 'Ordered outline of each article: section 0 is the title and lead, then one row per heading with the body under it.';
COMMENT ON COLUMN sections.article_id IS 'articles.article_id.';
COMMENT ON COLUMN sections.section_no IS 'Position of the section in the article, from 0 (the title section).';
COMMENT ON COLUMN sections.level IS 'Heading level: 1 for the title, 2 and deeper for headings (h2-h6, 一、, 1., （1）, bold or question lines).';
COMMENT ON COLUMN sections.heading IS 'Heading text as shown (a lone number line is joined to the line after it).';
COMMENT ON COLUMN sections.body IS 'Text under the heading up to the next heading.';
COMMENT ON COLUMN sections.start_char IS 'Offset of the heading in main_text.';
COMMENT ON COLUMN sections.end_char IS 'Offset where the section ends in main_text (exclusive).';

COMMENT ON TABLE citations IS 'Parsed entries of each article''s reference list (参考资料, 参考文献, References, or a trailing numbered list).';
COMMENT ON COLUMN citations.article_id IS 'articles.article_id.';
COMMENT ON COLUMN citations.citation_no IS 'Position in the reference list, from 1.';
COMMENT ON COLUMN citations.raw IS 'The entry as written, numbering removed.';
COMMENT ON COLUMN citations.style IS 'Recognised citation style: vancouver (NLM), nature, gbt7714 (Chinese [J] style), url, or other.';
COMMENT ON COLUMN citations.authors IS 'Author names in order, as written (et al. dropped).';
COMMENT ON COLUMN citations.title IS 'Title of the cited work.';
COMMENT ON COLUMN citations.container IS 'Journal, book or site the work appeared in.';
COMMENT ON COLUMN citations.year IS 'Publication year.';
COMMENT ON COLUMN citations.volume IS 'Volume, as written (may keep leading zeros: 007).';
COMMENT ON COLUMN citations.issue IS 'Issue number, as written.';
COMMENT ON COLUMN citations.pages IS 'Page range or article number.';
COMMENT ON COLUMN citations.doi IS 'DOI without the https://doi.org/ prefix.';
COMMENT ON COLUMN citations.pmid IS 'PubMed id when the entry gives one.';
COMMENT ON COLUMN citations.url IS 'Link of the entry, with redirect wrappers (link.zhihu.com/?target=) decoded to their target.';
COMMENT ON COLUMN citations.start_char IS 'Offset of the entry in main_text.';
COMMENT ON COLUMN citations.end_char IS 'End offset of the entry in main_text (exclusive).';
COMMENT ON COLUMN citations.kind IS 'What the entry points to: journal_article (DOI, PMID, [J] mark, journal name or site), trial_registry, government, news, company, encyclopedia or other (cues: etl/knowledge/data/rules/evidence.yaml).';
COMMENT ON COLUMN citations.study_design IS 'Design stated by the title of a journal article or registry entry: systematic_review, randomised_trial, clinical_study, case_report, review, preclinical or other (not stated); NULL for other kinds.';
COMMENT ON COLUMN citations.evidence_level IS 'Evidence level: from study_design for journal articles, from kind otherwise (a registry entry is L3_clinical_study; government, news, company, encyclopedia and other links are L6_non_research).';
COMMENT ON COLUMN citations.registry_id IS 'The trial-registry id of a trial_registry entry (NCT..., ChiCTR...), else NULL.';

COMMENT ON TABLE commercial_signals IS 'Marketing and contact signals found anywhere in the file: phone numbers, WeChat/QQ ids, calls to action, disclaimers.';
COMMENT ON COLUMN commercial_signals.article_id IS 'articles.article_id.';
COMMENT ON COLUMN commercial_signals.signal_no IS 'Order of the signal in the document, from 0.';
COMMENT ON COLUMN commercial_signals.kind IS 'A value of vocabulary signal_kinds (phone, wechat, qq, call_to_action, ...; see the vocabulary table).';
COMMENT ON COLUMN commercial_signals.text IS 'The matched text (the number, id, phrase or disclaimer line).';
COMMENT ON COLUMN commercial_signals.location IS 'main_text when the signal stands in the article body, boilerplate when it was in cut text.';
COMMENT ON COLUMN commercial_signals.start_char IS 'Offset in main_text when location = main_text, else NULL.';

COMMENT ON TABLE diseases IS 'The curated disease lexicon (etl/knowledge/data/lexicon/diseases/*.csv) as loaded for the run.';
COMMENT ON COLUMN diseases.concept_id IS 'Stable concept id (snake_case English).';
COMMENT ON COLUMN diseases.canonical_name IS 'Standard Simplified-Chinese name.';
COMMENT ON COLUMN diseases.english_name IS 'Standard English name.';
COMMENT ON COLUMN diseases.icd10 IS 'WHO ICD-10 (2019) code; NULL when no single code fits or the curators were unsure.';
COMMENT ON COLUMN diseases.icd10_chapter IS 'ICD-10 chapter (Roman numeral and title) derived from icd10.';
COMMENT ON COLUMN diseases.category IS 'Curated body-system category (neurological, autoimmune_rheumatic, blood_cancer, ...).';
COMMENT ON COLUMN diseases.mention_type IS 'disease, disease_group (自身免疫性疾病 ...) or symptom (发热 ...).';
COMMENT ON COLUMN diseases.synonyms IS 'Other surface forms matched for this concept (lay names, variants, abbreviations, English); Traditional forms are added by the matcher.';
COMMENT ON COLUMN diseases.lexicon_file IS 'Lexicon file the concept comes from.';

COMMENT ON TABLE disease_mentions IS 'Each detected disease/symptom mention in an article body (longest match, no overlaps), with its claim context.';
COMMENT ON COLUMN disease_mentions.article_id IS 'articles.article_id.';
COMMENT ON COLUMN disease_mentions.mention_no IS 'Order of the mention in the article, from 0.';
COMMENT ON COLUMN disease_mentions.section_no IS 'sections.section_no the mention stands in.';
COMMENT ON COLUMN disease_mentions.start_char IS 'Offset in main_text; main_text[start_char:end_char] = surface.';
COMMENT ON COLUMN disease_mentions.end_char IS 'End offset in main_text (exclusive).';
COMMENT ON COLUMN disease_mentions.surface IS 'The text as written (may be a synonym, an abbreviation or a Traditional form).';
COMMENT ON COLUMN disease_mentions.concept_id IS 'diseases.concept_id it was normalised to.';
COMMENT ON COLUMN disease_mentions.canonical_name IS 'diseases.canonical_name of the concept.';
COMMENT ON COLUMN disease_mentions.icd10 IS 'diseases.icd10 of the concept.';
COMMENT ON COLUMN disease_mentions.mention_type IS 'diseases.mention_type of the concept.';
COMMENT ON COLUMN disease_mentions.context IS 'Claim context, a value of vocabulary claim_contexts: asserted (治愈, 能治疗 ...), hedged (有望, 可能 ...), negated (没有临床试验支持, 无法 ...) or neutral.';
COMMENT ON COLUMN disease_mentions.trigger IS 'The trigger phrase (etl/knowledge/data/lexicon/context_triggers.csv) that decided the context; NULL when neutral.';
COMMENT ON COLUMN disease_mentions.sentence IS 'The sentence of main_text the mention stands in.';
COMMENT ON COLUMN disease_mentions.reported IS 'True when the claim is reported from someone else (宣传, 声称, 号称, 所谓, claims ...), not made in the page''s own voice; context still says what the claim is.';

COMMENT ON TABLE claims IS 'Article x disease concept: what the page claims about the disease, keeping the page''s own voice apart from claims it only reports (宣传…, 声称…, so-called). Built from disease_mentions by etl/annotate/claims.py.';
COMMENT ON COLUMN claims.article_id IS 'articles.article_id.';
COMMENT ON COLUMN claims.concept_id IS 'diseases.concept_id.';
COMMENT ON COLUMN claims.canonical_name IS 'diseases.canonical_name.';
COMMENT ON COLUMN claims.mention_type IS 'disease, disease_group or symptom.';
COMMENT ON COLUMN claims.mentions IS 'Mentions of the concept in the article body (= own_mentions + reported_mentions).';
COMMENT ON COLUMN claims.own_mentions IS 'Mentions in the page''s own voice.';
COMMENT ON COLUMN claims.reported_mentions IS 'Mentions inside claims the page attributes to others (after 宣传, 声称, 号称, 所谓, claims, so-called ...).';
COMMENT ON COLUMN claims.own_stance IS 'Strongest context of the own-voice mentions (asserted > hedged > negated > neutral); NULL when the page only reports the claim.';
COMMENT ON COLUMN claims.reported_stance IS 'Strongest context of the reported mentions; NULL when none is reported.';
COMMENT ON COLUMN claims.voice IS 'Whose words the claim sentence is: own (the strongest own-voice mention decides) or reported (the page has no own-voice mention of the concept).';
COMMENT ON COLUMN claims.mention_no IS 'disease_mentions.mention_no of the mention that decides the claim (its sentence, wording and citation): the strongest; among equals, one whose own sentence holds the cue that decided its stance (not a heading that took it from the text under it), then the first.';
COMMENT ON COLUMN claims.own_mention_no IS 'disease_mentions.mention_no of the strongest own-voice mention; NULL when none.';
COMMENT ON COLUMN claims.reported_mention_no IS 'disease_mentions.mention_no of the strongest reported mention; NULL when none.';
COMMENT ON COLUMN claims.start_char IS 'Offset of the deciding mention in main_text.';
COMMENT ON COLUMN claims.end_char IS 'End offset of the deciding mention in main_text (exclusive).';
COMMENT ON COLUMN claims.sentence IS 'The claim sentence (the deciding mention''s sentence, cut to 300 characters around it when longer).';
COMMENT ON COLUMN claims.sentence_start IS 'Offset of the claim sentence in main_text: substr(main_text, sentence_start + 1, sentence_end - sentence_start) = sentence.';
COMMENT ON COLUMN claims.sentence_end IS 'End offset of the claim sentence in main_text (exclusive).';
COMMENT ON COLUMN claims.wording_class IS 'Efficacy wording of the claim sentence for this disease: cure, treat, improve, reverse, prevent, anti_ageing or rejuvenate (vocabulary claim_classes); NULL when it uses none.';
COMMENT ON COLUMN claims.wording_text IS 'The words that decided wording_class (根治, 治疗, 改善, 延缓衰老 ...).';
COMMENT ON COLUMN claims.citation IS 'A source next to the claim: in_sentence (a [n] marker or inline reference in the sentence), in_section (one in the same section) or none.';
COMMENT ON COLUMN claims.citation_text IS 'The marker or inline reference found ([1], et al. 2019, doi:...); NULL when citation = none.';

COMMENT ON TABLE red_flags IS 'Advertising red flags: each hit of a statute-mapped rule (etl/knowledge/data/rules/red_flags.yaml) in the article or in the page chrome, with its legal basis. A hit is wording to review, not a legal finding.';
COMMENT ON COLUMN red_flags.article_id IS 'articles.article_id.';
COMMENT ON COLUMN red_flags.flag_no IS 'Order of the hit within the article (article hits of a rule, then its chrome hits, rule by rule), from 0.';
COMMENT ON COLUMN red_flags.rule_id IS 'Rule that fired: superlative, efficacy_safety_guarantee, cure_or_effective_rate, comparison, endorsement_testimonial, implied_cure, stem_cell_research_fee or disguised_health_ad.';
COMMENT ON COLUMN red_flags.basis_id IS 'Legal basis id (vocabulary red_flag_bases): ad_law_9_3, ad_law_16_1 ... ad_law_16_4, med_ad_7, stem_cell_research_6, internet_ad_8.';
COMMENT ON COLUMN red_flags.law IS 'Name of the law or regulation (中华人民共和国广告法, 医疗广告管理办法, 干细胞临床研究管理办法（试行）, 互联网广告管理办法（2023）).';
COMMENT ON COLUMN red_flags.law_article IS 'Article of the law (第九条, 第十六条, 第七条, 第六条).';
COMMENT ON COLUMN red_flags.law_item IS 'Paragraph or item within the article ((三), 第一款(二) ...); NULL when the article has none.';
COMMENT ON COLUMN red_flags.location IS 'article (in main_text) or chrome (in a line cut from the page: header, footer, contact block, sidebar).';
COMMENT ON COLUMN red_flags.matched_text IS 'The text that fired the rule (the wording, or for disguised_health_ad the phone, WeChat id, address, booking call or price).';
COMMENT ON COLUMN red_flags.start_char IS 'Offset of matched_text in main_text for article hits; NULL for chrome hits.';
COMMENT ON COLUMN red_flags.end_char IS 'End offset in main_text (exclusive) for article hits; NULL for chrome hits.';
COMMENT ON COLUMN red_flags.cut_no IS 'For chrome hits: cut_blocks.cut_no of the line; NULL for article hits and for text outside the article container.';
COMMENT ON COLUMN red_flags.chrome_text IS 'For chrome hits: the cut line that holds the match; NULL for article hits.';
COMMENT ON COLUMN red_flags.chrome_start IS 'For chrome hits: offset of matched_text within chrome_text; NULL for article hits.';
COMMENT ON COLUMN red_flags.sentence IS 'The sentence (or chrome line) holding the hit, for drill-down (at most 300 characters).';

COMMENT ON TABLE credibility IS 'One row per article: the JAMA benchmark (authorship, attribution, disclosure, currency; 0/1 each, total 0-4), HONcode-style signals and the DISCERN items a machine can check, each with the evidence that met it (cues: etl/knowledge/data/rules/credibility.yaml).';
COMMENT ON COLUMN credibility.article_id IS 'articles.article_id.';
COMMENT ON COLUMN credibility.jama_authorship IS 'JAMA authorship: a named author with credentials (医学博士, 主任医师, MD, PhD ...) in the author field, a byline or beside the name: 1 when met, else 0.';
COMMENT ON COLUMN credibility.jama_authorship_evidence IS 'The text that met jama_authorship (or, for authorship, the author found without credentials); NULL when nothing was found.';
COMMENT ON COLUMN credibility.jama_authorship_start IS 'Offset of the jama_authorship evidence in main_text when it stands in the article; NULL when it comes from the page chrome or the metadata.';
COMMENT ON COLUMN credibility.jama_attribution IS 'JAMA attribution: the page lists references (citations) or names its sources inline (参考文献, doi, et al.): 1 when met, else 0.';
COMMENT ON COLUMN credibility.jama_attribution_evidence IS 'The text that met jama_attribution (or, for authorship, the author found without credentials); NULL when nothing was found.';
COMMENT ON COLUMN credibility.jama_attribution_start IS 'Offset of the jama_attribution evidence in main_text when it stands in the article; NULL when it comes from the page chrome or the metadata.';
COMMENT ON COLUMN credibility.jama_disclosure IS 'JAMA disclosure: ownership, sponsorship or conflicts of interest disclosed (利益冲突, 赞助, 基金项目, 版权所有, ICP备 ...): 1 when met, else 0.';
COMMENT ON COLUMN credibility.jama_disclosure_evidence IS 'The text that met jama_disclosure (or, for authorship, the author found without credentials); NULL when nothing was found.';
COMMENT ON COLUMN credibility.jama_disclosure_start IS 'Offset of the jama_disclosure evidence in main_text when it stands in the article; NULL when it comes from the page chrome or the metadata.';
COMMENT ON COLUMN credibility.jama_currency IS 'JAMA currency: the page is dated (published_date, or a 发布/更新时间 line): 1 when met, else 0.';
COMMENT ON COLUMN credibility.jama_currency_evidence IS 'The text that met jama_currency (or, for authorship, the author found without credentials); NULL when nothing was found.';
COMMENT ON COLUMN credibility.jama_currency_start IS 'Offset of the jama_currency evidence in main_text when it stands in the article; NULL when it comes from the page chrome or the metadata.';
COMMENT ON COLUMN credibility.hon_disclaimer IS 'HONcode-style: a disclaimer that the page does not replace a doctor (不能代替医生, 仅供参考, 请遵医嘱, not medical advice): 1 when met, else 0.';
COMMENT ON COLUMN credibility.hon_disclaimer_evidence IS 'The text that met hon_disclaimer (or, for authorship, the author found without credentials); NULL when nothing was found.';
COMMENT ON COLUMN credibility.hon_disclaimer_start IS 'Offset of the hon_disclaimer evidence in main_text when it stands in the article; NULL when it comes from the page chrome or the metadata.';
COMMENT ON COLUMN credibility.hon_contact IS 'HONcode-style: a way to contact the publisher (phone, WeChat/QQ, address, 联系我们, e-mail): 1 when met, else 0.';
COMMENT ON COLUMN credibility.hon_contact_evidence IS 'The text that met hon_contact (or, for authorship, the author found without credentials); NULL when nothing was found.';
COMMENT ON COLUMN credibility.hon_contact_start IS 'Offset of the hon_contact evidence in main_text when it stands in the article; NULL when it comes from the page chrome or the metadata.';
COMMENT ON COLUMN credibility.hon_ad_labelled IS 'HONcode-style: advertising labelled as such (广告, 推广, Sponsored): 1 when met, else 0.';
COMMENT ON COLUMN credibility.hon_ad_labelled_evidence IS 'The text that met hon_ad_labelled (or, for authorship, the author found without credentials); NULL when nothing was found.';
COMMENT ON COLUMN credibility.hon_ad_labelled_start IS 'Offset of the hon_ad_labelled evidence in main_text when it stands in the article; NULL when it comes from the page chrome or the metadata.';
COMMENT ON COLUMN credibility.discern_risks IS 'DISCERN: risks or side effects of treatment mentioned (副作用, 不良反应, 风险 ...; 无副作用 does not count): 1 when met, else 0.';
COMMENT ON COLUMN credibility.discern_risks_evidence IS 'The text that met discern_risks (or, for authorship, the author found without credentials); NULL when nothing was found.';
COMMENT ON COLUMN credibility.discern_risks_start IS 'Offset of the discern_risks evidence in main_text when it stands in the article; NULL when it comes from the page chrome or the metadata.';
COMMENT ON COLUMN credibility.discern_uncertainty IS 'DISCERN: uncertainty stated (尚不明确, 仍需进一步研究, 证据不足, more research is needed ...): 1 when met, else 0.';
COMMENT ON COLUMN credibility.discern_uncertainty_evidence IS 'The text that met discern_uncertainty (or, for authorship, the author found without credentials); NULL when nothing was found.';
COMMENT ON COLUMN credibility.discern_uncertainty_start IS 'Offset of the discern_uncertainty evidence in main_text when it stands in the article; NULL when it comes from the page chrome or the metadata.';
COMMENT ON COLUMN credibility.discern_alternatives IS 'DISCERN: other treatments mentioned (其他疗法, 传统治疗, 手术治疗, 器官移植, alternatives ...): 1 when met, else 0.';
COMMENT ON COLUMN credibility.discern_alternatives_evidence IS 'The text that met discern_alternatives (or, for authorship, the author found without credentials); NULL when nothing was found.';
COMMENT ON COLUMN credibility.discern_alternatives_start IS 'Offset of the discern_alternatives evidence in main_text when it stands in the article; NULL when it comes from the page chrome or the metadata.';
COMMENT ON COLUMN credibility.jama_total IS 'JAMA benchmark score 0-4: jama_authorship + jama_attribution + jama_disclosure + jama_currency.';

COMMENT ON TABLE lexicon_candidates IS 'Disease-like terms in article bodies (ending in 病, 症, 炎, 癌, 瘤, 综合征, 衰竭, 损伤 ...) that the lexicon does not know, for curators.';
COMMENT ON COLUMN lexicon_candidates.term IS 'The candidate term.';
COMMENT ON COLUMN lexicon_candidates.occurrences IS 'How often it occurs over all articles.';
COMMENT ON COLUMN lexicon_candidates.articles IS 'In how many articles it occurs.';
COMMENT ON COLUMN lexicon_candidates.example_sentence IS 'One sentence it occurs in.';
COMMENT ON COLUMN lexicon_candidates.example_article_id IS 'The article of example_sentence.';

COMMENT ON TABLE article_concepts IS 'Article x disease concept: mentions by claim context, with the article''s source type, site and date copied in for filtering. Maintained by each run from disease_mentions (warehouse/summaries.sql); the dashboard''s topic pages aggregate this instead of every mention.';
COMMENT ON COLUMN article_concepts.article_id IS 'articles.article_id.';
COMMENT ON COLUMN article_concepts.concept_id IS 'diseases.concept_id.';
COMMENT ON COLUMN article_concepts.canonical_name IS 'diseases.canonical_name.';
COMMENT ON COLUMN article_concepts.mention_type IS 'disease, disease_group or symptom.';
COMMENT ON COLUMN article_concepts.icd10_chapter IS 'diseases.icd10_chapter (NULL when the concept has no code).';
COMMENT ON COLUMN article_concepts.source_type IS 'articles.source_type.';
COMMENT ON COLUMN article_concepts.site_name IS 'articles.site_name.';
COMMENT ON COLUMN article_concepts.published_date IS 'articles.published_date.';
COMMENT ON COLUMN article_concepts.mentions IS 'Mentions of the concept in the article.';
COMMENT ON COLUMN article_concepts.asserted IS 'Of which asserted.';
COMMENT ON COLUMN article_concepts.hedged IS 'Of which hedged.';
COMMENT ON COLUMN article_concepts.negated IS 'Of which negated.';
COMMENT ON COLUMN article_concepts.neutral IS 'Of which neutral.';
COMMENT ON COLUMN article_concepts.first_char IS 'Offset of the first mention in main_text.';
COMMENT ON COLUMN article_concepts.claim_voice IS 'claims.voice of the article''s claim about the concept (own or reported), copied so the claims page can pick the newest claims about a disease without a join; NULL when there is no claim row.';

COMMENT ON TABLE article_stats IS 'One row per article: citations (and those with a DOI/PMID), mentions, commercial signals by kind and the JAMA scores, with source type, site and date. Maintained by each run (warehouse/summaries.sql) for the dashboard''s Sources and Claims pages, which filter and count it without a join.';
COMMENT ON COLUMN article_stats.article_id IS 'articles.article_id.';
COMMENT ON COLUMN article_stats.source_type IS 'articles.source_type.';
COMMENT ON COLUMN article_stats.site_name IS 'articles.site_name.';
COMMENT ON COLUMN article_stats.published_date IS 'articles.published_date.';
COMMENT ON COLUMN article_stats.citations IS 'Reference-list entries.';
COMMENT ON COLUMN article_stats.citations_with_id IS 'Entries with a DOI or PMID.';
COMMENT ON COLUMN article_stats.mentions IS 'Disease mentions.';
COMMENT ON COLUMN article_stats.signals IS 'Commercial signals of any kind.';
COMMENT ON COLUMN article_stats.signal_counts IS 'Commercial signals by kind (commercial_signals.kind -> count); kinds the article does not show are left out.';
COMMENT ON COLUMN article_stats.jama_total IS 'credibility.jama_total; NULL when the article has no credibility row.';
COMMENT ON COLUMN article_stats.jama_authorship IS 'credibility.jama_authorship; NULL when the article has no credibility row.';
COMMENT ON COLUMN article_stats.jama_attribution IS 'credibility.jama_attribution; NULL when the article has no credibility row.';
COMMENT ON COLUMN article_stats.jama_disclosure IS 'credibility.jama_disclosure; NULL when the article has no credibility row.';
COMMENT ON COLUMN article_stats.jama_currency IS 'credibility.jama_currency; NULL when the article has no credibility row.';

COMMENT ON TABLE topic_cells IS 'article_concepts rolled up by disease concept, source type and the set of claim contexts an article''s mentions of the concept have. Maintained by each run (warehouse/rollups.sql): a full load sums every article, a refresh adds and subtracts the parts of the articles it changed (warehouse/rollup_deltas.sql), and both give the same rows. The topic page reads these few thousand rows instead of every article x concept row when no site or date filter is set.';
COMMENT ON COLUMN topic_cells.concept_id IS 'diseases.concept_id.';
COMMENT ON COLUMN topic_cells.source_type IS 'articles.source_type.';
COMMENT ON COLUMN topic_cells.contexts_mask IS 'Which claim contexts the article''s mentions of the concept have: 1 asserted + 2 hedged + 4 negated + 8 neutral. An article counts for a context filter when its mask shares a bit with the filter.';
COMMENT ON COLUMN topic_cells.articles IS 'Articles (of this source type) mentioning the concept with exactly these contexts.';
COMMENT ON COLUMN topic_cells.asserted IS 'Their asserted mentions of the concept.';
COMMENT ON COLUMN topic_cells.hedged IS 'Their hedged mentions of the concept.';
COMMENT ON COLUMN topic_cells.negated IS 'Their negated mentions of the concept.';
COMMENT ON COLUMN topic_cells.neutral IS 'Their neutral mentions of the concept.';
COMMENT ON TABLE claim_cells IS 'claims rolled up by disease concept, source type, voice and stance (as v_claims.stance). Maintained by each run (warehouse/rollups.sql): a full load sums every article, a refresh adds and subtracts the parts of the articles it changed (warehouse/rollup_deltas.sql), and both give the same rows. The claims page reads these few thousand rows instead of every article x concept claim when no site or date filter is set.';
COMMENT ON COLUMN claim_cells.concept_id IS 'diseases.concept_id.';
COMMENT ON COLUMN claim_cells.source_type IS 'articles.source_type.';
COMMENT ON COLUMN claim_cells.voice IS 'claims.voice: own or reported.';
COMMENT ON COLUMN claim_cells.stance IS 'The claim''s stance in that voice: own_stance for own, reported_stance for reported.';
COMMENT ON TABLE flag_cells IS 'red_flags rolled up by legal basis and source type. Maintained by each run (warehouse/rollups.sql): a refresh recomputes the cells of the bases its changed articles have or had, which gives the rows a full rebuild gives. The claims page reads these rows instead of every hit when no site or date filter is set.';
COMMENT ON COLUMN flag_cells.basis_id IS 'red_flags.basis_id (vocabulary red_flag_bases).';
COMMENT ON COLUMN flag_cells.source_type IS 'articles.source_type.';
COMMENT ON COLUMN flag_cells.basis IS 'The legal basis written out, as v_red_flags.basis.';
COMMENT ON COLUMN flag_cells.text_hits IS 'Hits in the article text (location article).';
COMMENT ON COLUMN flag_cells.chrome_hits IS 'Hits in the page chrome (location chrome).';
COMMENT ON COLUMN flag_cells.text_articles IS 'Articles with at least one hit in the article text.';
COMMENT ON COLUMN flag_cells.articles IS 'Articles with at least one hit anywhere (text or chrome).';
COMMENT ON COLUMN claim_cells.claims IS 'Claims (articles of this source type) about the concept with this voice and stance.';
COMMENT ON TABLE candidate_terms IS 'Per-article counts of disease-like terms the lexicon does not know; lexicon_candidates aggregates them.';
COMMENT ON COLUMN candidate_terms.article_id IS 'articles.article_id.';
COMMENT ON COLUMN candidate_terms.term IS 'The candidate term.';
COMMENT ON COLUMN candidate_terms.occurrences IS 'Occurrences in this article''s body.';
COMMENT ON COLUMN candidate_terms.example_sentence IS 'The first sentence it occurs in.';

COMMENT ON TABLE source_files IS 'Every file the last run saw, with the stat, hash and crawl address used to skip unchanged files on the next run.';
COMMENT ON COLUMN source_files.source_path IS 'Path relative to the seeds folder.';
COMMENT ON COLUMN source_files.file_bytes IS 'Size in bytes when last read.';
COMMENT ON COLUMN source_files.mtime_ns IS 'Modification time (ns since epoch) when last read.';
COMMENT ON COLUMN source_files.content_sha256 IS 'sha256 of the content when last read.';
COMMENT ON COLUMN source_files.status IS 'loaded (in articles), quarantined (in quarantine) or manifest (a crawl manifest at the top of the seeds folder: not a page; quarantined while it has rows that were skipped).';
COMMENT ON COLUMN source_files.crawl_url IS 'The address the manifest gave the page when it was last parsed (NULL: none); a page whose manifest address changes is parsed again.';

COMMENT ON TABLE quarantine IS 'Files that could not be loaded, each with a reason a person understands; every file under seeds/ is in articles or here, never both.';
COMMENT ON COLUMN quarantine.source_path IS 'Path relative to the seeds folder.';
COMMENT ON COLUMN quarantine.content_sha256 IS 'sha256 of the bytes read, NULL when the file could not be read.';
COMMENT ON COLUMN quarantine.reason IS 'Short reason code: empty_file, binary_file, undecodable, too_large, no_text, unreadable, outside_seeds, not_regular_file, bad_file_name, unstable, parse_error, bad_manifest (a manifest with rows that were skipped; detail lists them).';
COMMENT ON COLUMN quarantine.detail IS 'Readable explanation of the reason.';
COMMENT ON COLUMN quarantine.seen_at IS 'When the file was quarantined.';
COMMENT ON COLUMN quarantine.run_id IS 'etl_runs.run_id of that run.';

COMMENT ON TABLE etl_runs IS 'One row per ETL run, published or failed, with counts and the hashes of the schema and rules it ran with.';
COMMENT ON COLUMN etl_runs.run_id IS 'Increasing run number.';
COMMENT ON COLUMN etl_runs.started_at IS 'Start time (UTC).';
COMMENT ON COLUMN etl_runs.finished_at IS 'End time (UTC).';
COMMENT ON COLUMN etl_runs.status IS 'success (published) or failed (nothing published but this row).';
COMMENT ON COLUMN etl_runs.mode IS 'incremental or full (rebuilt from scratch).';
COMMENT ON COLUMN etl_runs.trigger_kind IS 'What started the run: cli, schedule, cron, watch or up.';
COMMENT ON COLUMN etl_runs.files_seen IS 'Files found under the seeds folder.';
COMMENT ON COLUMN etl_runs.files_loaded IS 'Files (re)extracted and loaded into articles by this run.';
COMMENT ON COLUMN etl_runs.files_unchanged IS 'Files skipped because their content was unchanged.';
COMMENT ON COLUMN etl_runs.files_removed IS 'Articles removed because their file disappeared.';
COMMENT ON COLUMN etl_runs.files_quarantined IS 'Files in quarantine after this run.';
COMMENT ON COLUMN etl_runs.input_bytes IS 'Bytes read and extracted by this run.';
COMMENT ON COLUMN etl_runs.seeds_newest_mtime IS 'Newest modification time among the seed files seen.';
COMMENT ON COLUMN etl_runs.schema_hash IS 'sha256 (16 hex) of warehouse/schema.sql and views.sql.';
COMMENT ON COLUMN etl_runs.build_hash IS 'sha256 (16 hex) of extract_hash, annotate_hash, lexicon_hash, sources_hash and schema_hash together: equal means the run built with the same code and knowledge.';
COMMENT ON COLUMN etl_runs.extract_hash IS 'Fingerprint (16 hex) of the extraction stage: parser version, etl/extract code, etl/parse.py and the boilerplate, source-type and signal rules; a change re-extracts every file.';
COMMENT ON COLUMN etl_runs.annotate_hash IS 'Fingerprint (16 hex) of the annotation stage but the disease lexicon: etl/annotate code, the context triggers and the claim, red-flag, credibility and evidence rules; a change re-annotates the stored main_text of every article without reading the files (annotate_all).';
COMMENT ON COLUMN etl_runs.lexicon_hash IS 'Fingerprint (16 hex) of the disease lexicon files (etl/knowledge/data/lexicon/diseases); a change alone re-annotates, without reading the files, the stored articles whose main_text holds a form of a concept that was added, removed or changed, also when written with pinyin notes or across a hard line wrap (annotate_changed). NULL before it existed.';
COMMENT ON COLUMN etl_runs.sources_hash IS 'Fingerprint (16 hex) of the sources file (sites and their source types); a change re-classifies the source type of every stored article from articles.url, site_name and page_source_type, without reading a file.';
COMMENT ON COLUMN etl_runs.stages IS 'Stages the run ran. A full rebuild: extract, annotate, classify (every file read). Otherwise extract (only the new and changed files) plus, over the stored articles without reading a file, annotate_all (triggers or annotation code or rules changed: every article), annotate_changed (only lexicon concepts changed: the articles holding a form of a changed concept) and/or classify_all (sources file changed: every article''s source type). NULL for runs recorded before stages existed.';
COMMENT ON COLUMN etl_runs.stage_reason IS 'Why those stages ran: full rebuild requested, no readable warehouse yet, warehouse schema changed, extraction code or rules changed, annotation code, triggers or rules changed, disease lexicon changed, sources file changed, or files changed; several reasons joined by "; ". NULL before stages existed.';
COMMENT ON COLUMN etl_runs.based_on_run_id IS 'The last run of the warehouse this run built on and changed; NULL for a rebuild from scratch.';
COMMENT ON COLUMN etl_runs.changed IS 'Keys whose rows this run wrote or deleted, relative to based_on_run_id: article ids (every per-article table), source paths (source_files, quarantine), terms (lexicon_candidates), concept ids (topic_cells, claim_cells) and legal basis ids (flag_cells), and per article table how many rows those articles have (the last rows of the table). The next run replays them onto the previous generation instead of comparing whole tables (etl/load/delta.py). NULL when not listed: a rebuild, a re-annotation or re-classification of stored articles, or more than 20,000 keys.';
COMMENT ON COLUMN etl_runs.message IS 'Summary or, for a failed run, the error.';
COMMENT ON COLUMN etl_runs.stemwatch_version IS 'stemwatch package version.';

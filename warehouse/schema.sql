-- stemwatch warehouse schema. This file is the public interface users write SQL against:
-- every table and column carries a COMMENT (a test fails when one is missing), and
-- docs/schema.md is generated from these comments (`stemwatch schema-doc`).
-- Character offsets (start_char, end_char) always index articles.main_text, 0-based,
-- end exclusive, in Unicode code points: substr(main_text, start_char + 1, end_char - start_char).

CREATE TABLE articles (
    article_id            VARCHAR PRIMARY KEY,
    source_path           VARCHAR NOT NULL UNIQUE,
    content_sha256        VARCHAR NOT NULL CHECK (length(content_sha256) = 64),
    file_bytes            BIGINT  NOT NULL CHECK (file_bytes >= 0),
    format                VARCHAR NOT NULL CHECK (format IN ('text', 'html', 'markdown_html')),
    title                 VARCHAR,
    author                VARCHAR,
    site_name             VARCHAR,
    url                   VARCHAR,
    published_date        DATE,
    date_source           VARCHAR CHECK (date_source IN ('front_matter', 'html_meta', 'byline')),
    language              VARCHAR NOT NULL,
    source_type           VARCHAR NOT NULL CHECK (source_type IN ('social_qa', 'commercial_clinic',
                              'content_aggregator', 'commercial_blog', 'news', 'academic', 'government', 'other')),
    source_type_evidence  VARCHAR[] NOT NULL,
    main_text             VARCHAR NOT NULL,
    main_chars            INTEGER NOT NULL CHECK (main_chars >= 0),
    body_end_char         INTEGER NOT NULL CHECK (body_end_char >= 0 AND body_end_char <= main_chars),
    raw_chars             INTEGER NOT NULL CHECK (raw_chars >= 0),
    cut_chars             INTEGER NOT NULL CHECK (cut_chars >= 0),
    parse_warnings        VARCHAR[] NOT NULL,
    run_id                BIGINT  NOT NULL
);

CREATE TABLE documents (
    article_id   VARCHAR PRIMARY KEY,
    source_path  VARCHAR NOT NULL UNIQUE,
    encoding     VARCHAR NOT NULL,
    raw_text     VARCHAR NOT NULL
);

CREATE TABLE cut_blocks (
    article_id  VARCHAR NOT NULL,
    cut_no      INTEGER NOT NULL CHECK (cut_no >= 0),
    rule        VARCHAR NOT NULL,
    text        VARCHAR NOT NULL,
    PRIMARY KEY (article_id, cut_no)
);

CREATE TABLE sections (
    article_id  VARCHAR NOT NULL,
    section_no  INTEGER NOT NULL CHECK (section_no >= 0),
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 6),
    heading     VARCHAR NOT NULL,
    body        VARCHAR NOT NULL,
    start_char  INTEGER NOT NULL CHECK (start_char >= 0),
    end_char    INTEGER NOT NULL,
    PRIMARY KEY (article_id, section_no),
    CHECK (end_char >= start_char)
);

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
    PRIMARY KEY (article_id, citation_no),
    CHECK (end_char >= start_char)
);

CREATE TABLE commercial_signals (
    article_id  VARCHAR NOT NULL,
    signal_no   INTEGER NOT NULL CHECK (signal_no >= 0),
    kind        VARCHAR NOT NULL CHECK (kind IN ('phone', 'wechat', 'qq', 'call_to_action', 'disclaimer', 'address')),
    text        VARCHAR NOT NULL,
    location    VARCHAR NOT NULL CHECK (location IN ('main_text', 'boilerplate')),
    start_char  INTEGER CHECK (start_char IS NULL OR start_char >= 0),
    PRIMARY KEY (article_id, signal_no),
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
    context         VARCHAR NOT NULL CHECK (context IN ('asserted', 'hedged', 'negated', 'neutral')),
    trigger         VARCHAR,
    sentence        VARCHAR NOT NULL,
    PRIMARY KEY (article_id, mention_no),
    CHECK (end_char > start_char),
    CHECK ((context = 'neutral') = (trigger IS NULL))
);

CREATE TABLE lexicon_candidates (
    term              VARCHAR PRIMARY KEY,
    occurrences       INTEGER NOT NULL CHECK (occurrences >= 1),
    articles          INTEGER NOT NULL CHECK (articles >= 1),
    example_sentence  VARCHAR NOT NULL,
    example_article_id VARCHAR NOT NULL
);

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
    PRIMARY KEY (article_id, concept_id),
    CHECK (mentions = asserted + hedged + negated + neutral)
);

CREATE TABLE article_stats (
    article_id         VARCHAR PRIMARY KEY,
    source_type        VARCHAR NOT NULL,
    site_name          VARCHAR,
    published_date     DATE,
    citations          INTEGER NOT NULL,
    citations_with_id  INTEGER NOT NULL,
    mentions           INTEGER NOT NULL,
    signals            INTEGER NOT NULL,
    phone              INTEGER NOT NULL,
    wechat             INTEGER NOT NULL,
    qq                 INTEGER NOT NULL,
    call_to_action     INTEGER NOT NULL,
    disclaimer         INTEGER NOT NULL,
    address            INTEGER NOT NULL
);

CREATE TABLE candidate_terms (
    article_id        VARCHAR NOT NULL,
    term              VARCHAR NOT NULL,
    occurrences       INTEGER NOT NULL CHECK (occurrences >= 1),
    example_sentence  VARCHAR NOT NULL,
    PRIMARY KEY (article_id, term)
);

CREATE TABLE source_files (
    source_path     VARCHAR PRIMARY KEY,
    file_bytes      BIGINT  NOT NULL,
    mtime_ns        BIGINT  NOT NULL,
    content_sha256  VARCHAR NOT NULL,
    status          VARCHAR NOT NULL CHECK (status IN ('loaded', 'quarantined'))
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
    sources_hash       VARCHAR,
    stages             VARCHAR[],
    stage_reason       VARCHAR,
    message            VARCHAR NOT NULL,
    stemwatch_version  VARCHAR NOT NULL
);

COMMENT ON TABLE articles IS 'One row per loaded source file: metadata, source type and the extracted main text that every offset indexes.';
COMMENT ON COLUMN articles.article_id IS 'Stable id: first 16 hex digits of sha256 of source_path; the same relative path always gets the same id.';
COMMENT ON COLUMN articles.source_path IS 'Path of the file relative to the seeds folder, with forward slashes.';
COMMENT ON COLUMN articles.content_sha256 IS 'sha256 of the file bytes as loaded; a change of content means the article is re-extracted.';
COMMENT ON COLUMN articles.file_bytes IS 'Size of the source file in bytes.';
COMMENT ON COLUMN articles.format IS 'How the file was read: text (plain-text scrape), html, or markdown_html (YAML front matter followed by Markdown/HTML).';
COMMENT ON COLUMN articles.title IS 'The article''s own title (front matter, og:title, h1, or the headline line of a scrape), not the site''s name.';
COMMENT ON COLUMN articles.author IS 'Author as named by the page (e.g. the answerer on Zhihu), NULL when the page names none.';
COMMENT ON COLUMN articles.site_name IS 'Publishing site or brand (知乎, 360doc个人图书馆, a clinic''s name), NULL when it cannot be told.';
COMMENT ON COLUMN articles.url IS 'Canonical URL of the article when the file carries one (canonical link, og:url, original-answer link).';
COMMENT ON COLUMN articles.published_date IS 'Publication date from front matter, HTML meta or the byline under the title; never a date of a neighbouring article''s link. NULL when unknown.';
COMMENT ON COLUMN articles.date_source IS 'Where published_date came from: front_matter, html_meta or byline.';
COMMENT ON COLUMN articles.language IS 'zh when most letters are Chinese characters, en when Latin, und otherwise.';
COMMENT ON COLUMN articles.source_type IS 'Kind of source: social_qa, commercial_clinic, content_aggregator, commercial_blog, news, academic, government or other.';
COMMENT ON COLUMN articles.source_type_evidence IS 'The cues that decided source_type, e.g. sources.csv: zhihu.com, cue: hotline phone; the first entry is the deciding rule.';
COMMENT ON COLUMN articles.main_text IS 'The article title line followed by the body with navigation, banners, related-article lists and footers removed. All character offsets index this text.';
COMMENT ON COLUMN articles.main_chars IS 'Length of main_text in characters.';
COMMENT ON COLUMN articles.body_end_char IS 'Offset where the reference list begins (= main_chars when there is none); disease mentions are only taken before it.';
COMMENT ON COLUMN articles.raw_chars IS 'Length of the decoded file text (documents.raw_text) in characters.';
COMMENT ON COLUMN articles.cut_chars IS 'Characters of text lines removed as boilerplate (see cut_blocks).';
COMMENT ON COLUMN articles.parse_warnings IS 'Non-fatal problems met while reading the file (replaced bytes, invalid front matter, truncated nesting).';
COMMENT ON COLUMN articles.run_id IS 'etl_runs.run_id of the run that last (re)loaded this article.';

COMMENT ON TABLE documents IS 'The full decoded text of every loaded file, so that what was cut as boilerplate can be audited.';
COMMENT ON COLUMN documents.article_id IS 'articles.article_id of this file.';
COMMENT ON COLUMN documents.source_path IS 'Path relative to the seeds folder.';
COMMENT ON COLUMN documents.encoding IS 'Encoding the bytes were decoded with (utf-8, utf-8-sig, gb18030, utf-16, ...).';
COMMENT ON COLUMN documents.raw_text IS 'The whole file decoded to text, markup included.';

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

COMMENT ON TABLE commercial_signals IS 'Marketing and contact signals found anywhere in the file: phone numbers, WeChat/QQ ids, calls to action, disclaimers.';
COMMENT ON COLUMN commercial_signals.article_id IS 'articles.article_id.';
COMMENT ON COLUMN commercial_signals.signal_no IS 'Order of the signal in the document, from 0.';
COMMENT ON COLUMN commercial_signals.kind IS 'phone, wechat, qq, call_to_action, disclaimer or address.';
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
COMMENT ON COLUMN disease_mentions.context IS 'Claim context: asserted (治愈, 能治疗 ...), hedged (有望, 可能 ...), negated (没有临床试验支持, 无法 ...) or neutral.';
COMMENT ON COLUMN disease_mentions.trigger IS 'The trigger phrase (etl/knowledge/data/lexicon/context_triggers.csv) that decided the context; NULL when neutral.';
COMMENT ON COLUMN disease_mentions.sentence IS 'The sentence of main_text the mention stands in.';

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

COMMENT ON TABLE article_stats IS 'One row per article: citations (and those with a DOI/PMID), mentions and commercial signals by kind, with source type, site and date. Maintained by each run (warehouse/summaries.sql) for the dashboard''s Sources page.';
COMMENT ON COLUMN article_stats.article_id IS 'articles.article_id.';
COMMENT ON COLUMN article_stats.source_type IS 'articles.source_type.';
COMMENT ON COLUMN article_stats.site_name IS 'articles.site_name.';
COMMENT ON COLUMN article_stats.published_date IS 'articles.published_date.';
COMMENT ON COLUMN article_stats.citations IS 'Reference-list entries.';
COMMENT ON COLUMN article_stats.citations_with_id IS 'Entries with a DOI or PMID.';
COMMENT ON COLUMN article_stats.mentions IS 'Disease mentions.';
COMMENT ON COLUMN article_stats.signals IS 'Commercial signals of any kind.';
COMMENT ON COLUMN article_stats.phone IS 'Phone numbers.';
COMMENT ON COLUMN article_stats.wechat IS 'WeChat ids.';
COMMENT ON COLUMN article_stats.qq IS 'QQ ids.';
COMMENT ON COLUMN article_stats.call_to_action IS 'Calls to action (免费在线咨询 ...).';
COMMENT ON COLUMN article_stats.disclaimer IS 'Disclaimers.';
COMMENT ON COLUMN article_stats.address IS 'Postal addresses.';

COMMENT ON TABLE candidate_terms IS 'Per-article counts of disease-like terms the lexicon does not know; lexicon_candidates aggregates them.';
COMMENT ON COLUMN candidate_terms.article_id IS 'articles.article_id.';
COMMENT ON COLUMN candidate_terms.term IS 'The candidate term.';
COMMENT ON COLUMN candidate_terms.occurrences IS 'Occurrences in this article''s body.';
COMMENT ON COLUMN candidate_terms.example_sentence IS 'The first sentence it occurs in.';

COMMENT ON TABLE source_files IS 'Every file the last run saw, with the stat and hash used to skip unchanged files on the next run.';
COMMENT ON COLUMN source_files.source_path IS 'Path relative to the seeds folder.';
COMMENT ON COLUMN source_files.file_bytes IS 'Size in bytes when last read.';
COMMENT ON COLUMN source_files.mtime_ns IS 'Modification time (ns since epoch) when last read.';
COMMENT ON COLUMN source_files.content_sha256 IS 'sha256 of the content when last read.';
COMMENT ON COLUMN source_files.status IS 'loaded (in articles) or quarantined (in quarantine).';

COMMENT ON TABLE quarantine IS 'Files that could not be loaded, each with a reason a person understands; every file under seeds/ is in articles or here, never both.';
COMMENT ON COLUMN quarantine.source_path IS 'Path relative to the seeds folder.';
COMMENT ON COLUMN quarantine.content_sha256 IS 'sha256 of the bytes read, NULL when the file could not be read.';
COMMENT ON COLUMN quarantine.reason IS 'Short reason code: empty_file, binary_file, undecodable, too_large, no_text, unreadable, unstable, parse_error.';
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
COMMENT ON COLUMN etl_runs.build_hash IS 'sha256 (16 hex) of extract_hash, annotate_hash, sources_hash and schema_hash together: equal means the run built with the same code and knowledge.';
COMMENT ON COLUMN etl_runs.extract_hash IS 'Fingerprint (16 hex) of the extraction stage: parser version, etl/extract code, etl/parse.py and the boilerplate, source-type and signal rules; a change re-extracts every file.';
COMMENT ON COLUMN etl_runs.annotate_hash IS 'Fingerprint (16 hex) of the annotation stage: etl/annotate code, the lexicon and the context triggers; a change re-annotates the stored main_text of every article without reading the files.';
COMMENT ON COLUMN etl_runs.sources_hash IS 'Fingerprint (16 hex) of the sources file (sites and their source types); a change re-extracts every file (the cues classification needs are not all stored).';
COMMENT ON COLUMN etl_runs.stages IS 'Stages the run ran: extract (the new and changed files) and annotate_all (re-annotation of every stored article), or extract, annotate, classify for a full rebuild. NULL for runs recorded before stages existed.';
COMMENT ON COLUMN etl_runs.stage_reason IS 'Why those stages ran, e.g. lexicon, triggers or annotation code changed; NULL before stages existed.';
COMMENT ON COLUMN etl_runs.message IS 'Summary or, for a failed run, the error.';
COMMENT ON COLUMN etl_runs.stemwatch_version IS 'stemwatch package version.';

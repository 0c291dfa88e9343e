//! The full-text index of published practices (tantivy), kept beside the database.
//!
//! Each language has its own title and body fields with its own analyser: lower-casing, stop
//! words and a Snowball stemmer, plus ASCII folding for Latin scripts and letter normalisation for
//! Arabic. A query is parsed against every language's fields, so it meets each practice through
//! the analyser of the practice's own language and no language detection is needed. Facets are
//! one facet field per [`FacetKind`]; filters are AND across kinds and OR within a kind.
//!
//! The index records in its commit payload the database's *generation* (a counter bumped by every
//! publish or unpublish): a different number means the index is stale and is rebuilt.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, FacetCollector, MultiCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{
    FAST, FacetOptions, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument,
    Term, doc,
};

use crate::error::{Error, Result};
use crate::knowledge::content::PracticeContent;
use crate::knowledge::markdown::to_plain_text;
use crate::knowledge::taxonomy::{FacetKind, LANGUAGES};

/// Bump when the schema or an analyser changes: an index built by another layout is rebuilt.
const LAYOUT: u32 = 1;
const WRITER_MEMORY: usize = 64_000_000;
const LONGEST_TOKEN: usize = 40;
const SNIPPET_CHARS: usize = 220;
/// The most facet values reported per kind.
const FACET_VALUES: usize = 30;

/// A published practice as the index needs it.
#[derive(Debug, Clone)]
pub struct IndexedPractice<'a> {
    pub id: &'a str,
    pub content: &'a PracticeContent,
    pub published_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SortOrder {
    #[default]
    Relevance,
    Newest,
}

/// A search: free text (may be empty), facet filters, order and page.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub text: String,
    pub filters: Vec<(FacetKind, String)>,
    pub sort: SortOrder,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub language: String,
    pub published_at: i64,
    /// An excerpt with the matched words in `<b>`; the text is HTML-escaped.
    pub highlight_html: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Counts per facet kind.
pub type FacetsByKind = Vec<(FacetKind, Vec<FacetCount>)>;

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<SearchHit>,
    /// For every kind, the values found among the matching practices, most frequent first.
    pub facets: FacetsByKind,
}

impl SearchResults {
    pub fn facet(&self, kind: FacetKind) -> &[FacetCount] {
        self.facets
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, values)| values.as_slice())
            .unwrap_or(&[])
    }
}

#[derive(Debug, Clone, Copy)]
struct LanguageFields {
    title: Field,
    body: Field,
}

#[derive(Debug, Clone)]
struct Fields {
    id: Field,
    title: Field,
    summary: Field,
    language: Field,
    excerpt_source: Field,
    published_at: Field,
    by_language: HashMap<&'static str, LanguageFields>,
    facets: HashMap<FacetKind, Field>,
}

#[derive(Debug, Serialize, Deserialize)]
struct CommitPayload {
    layout: u32,
    generation: i64,
}

struct WriterState {
    writer: IndexWriter,
    generation: i64,
}

/// One open index; shared by every request of the process through [`open`].
pub struct PracticeIndex {
    reader: IndexReader,
    fields: Fields,
    /// Free text against every language's title and body, all words required, titles weighing
    /// double.
    parser: QueryParser,
    writer: Mutex<WriterState>,
}

/// The index in `dir`, opened once per process (tantivy allows one writer per folder).
pub fn open(dir: &Path) -> Result<Arc<PracticeIndex>> {
    static OPEN: OnceLock<Mutex<HashMap<PathBuf, Arc<PracticeIndex>>>> = OnceLock::new();
    let mut open = OPEN
        .get_or_init(Default::default)
        .lock()
        .map_err(|_| Error::Internal("index registry poisoned".into()))?;
    if let Some(index) = open.get(dir) {
        return Ok(index.clone());
    }
    let index = Arc::new(PracticeIndex::open_or_create(dir)?);
    open.insert(dir.to_owned(), index.clone());
    Ok(index)
}

impl PracticeIndex {
    /// Opens the index in `dir`, creating it (empty, generation -1) when missing or when it was
    /// built with another layout.
    pub fn open_or_create(dir: &Path) -> Result<PracticeIndex> {
        let (schema, fields) = build_schema();
        std::fs::create_dir_all(dir).map_err(Error::internal)?;
        let existing = Index::open_in_dir(dir)
            .ok()
            .filter(|index| read_payload(index).is_some_and(|p| p.layout == LAYOUT));
        let index = match existing {
            Some(index) => index,
            None => {
                std::fs::remove_dir_all(dir).map_err(Error::internal)?;
                std::fs::create_dir_all(dir).map_err(Error::internal)?;
                Index::create_in_dir(dir, schema).map_err(Error::internal)?
            }
        };
        register_analysers(&index);
        let generation = read_payload(&index).map_or(-1, |payload| payload.generation);
        let writer = index.writer(WRITER_MEMORY).map_err(Error::internal)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(Error::internal)?;
        let parser = query_parser(&index, &fields);
        Ok(PracticeIndex {
            reader,
            fields,
            parser,
            writer: Mutex::new(WriterState { writer, generation }),
        })
    }

    /// The database generation the index reflects (-1 when never built).
    pub fn generation(&self) -> Result<i64> {
        Ok(self.lock_writer()?.generation)
    }

    /// Replaces the whole content with `practices`, as of `generation`.
    pub fn replace_all<'a>(
        &self,
        practices: impl IntoIterator<Item = IndexedPractice<'a>>,
        generation: i64,
    ) -> Result<usize> {
        let mut state = self.lock_writer()?;
        state
            .writer
            .delete_all_documents()
            .map_err(Error::internal)?;
        let mut added = 0;
        for practice in practices {
            state
                .writer
                .add_document(self.document(&practice))
                .map_err(Error::internal)?;
            added += 1;
        }
        self.commit(&mut state, generation)?;
        Ok(added)
    }

    /// Applies one change made at `generation`: adds or replaces a published practice, or
    /// removes one (`None`). Returns false, changing nothing, when the index is not at the
    /// generation just before (it missed a change and must be rebuilt).
    pub fn apply_change(
        &self,
        id: &str,
        published: Option<IndexedPractice<'_>>,
        generation: i64,
    ) -> Result<bool> {
        let mut state = self.lock_writer()?;
        if state.generation != generation - 1 {
            return Ok(false);
        }
        state
            .writer
            .delete_term(Term::from_field_text(self.fields.id, id));
        if let Some(practice) = published {
            state
                .writer
                .add_document(self.document(&practice))
                .map_err(Error::internal)?;
        }
        self.commit(&mut state, generation)?;
        Ok(true)
    }

    /// Runs a search. The page, the total and the counts of unfiltered kinds come from one pass
    /// over the matches of every filter. A kind that is filtered on is counted in its own pass
    /// with every filter but its own (disjunctive faceting), so that its other values stay on
    /// offer with the number of practices choosing them would add.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let text_query = self.text_query(&request.text);
        let query = self.filtered(&*text_query, &request.filters, None);
        let filtered_kinds: Vec<FacetKind> = FacetKind::ALL
            .into_iter()
            .filter(|kind| request.filters.iter().any(|(k, _)| k == kind))
            .collect();
        let counted_together: Vec<FacetKind> = FacetKind::ALL
            .into_iter()
            .filter(|kind| !filtered_kinds.contains(kind))
            .collect();
        let page = TopDocs::with_limit(request.limit.clamp(1, 100)).and_offset(request.offset);
        let (addresses, total, mut facets) = match request.sort {
            SortOrder::Relevance => {
                collect(&searcher, &*query, page.order_by_score(), &counted_together)?
            }
            SortOrder::Newest => collect(
                &searcher,
                &*query,
                page.order_by_fast_field::<i64>("published_at", Order::Desc),
                &counted_together,
            )?,
        };
        for kind in filtered_kinds {
            let without_own = self.filtered(&*text_query, &request.filters, Some(kind));
            facets.extend(count_facets(&searcher, &*without_own, &[kind])?);
        }
        facets.sort_by_key(|(kind, _)| FacetKind::ALL.iter().position(|k| k == kind));
        let mut highlighter = Highlighter::new(&searcher, &*text_query, &self.fields);
        let hits = addresses
            .into_iter()
            .map(|address| self.hit(&searcher, address, &mut highlighter))
            .collect::<Result<Vec<_>>>()?;
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }

    /// How many practices the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock_writer(&self) -> Result<std::sync::MutexGuard<'_, WriterState>> {
        self.writer
            .lock()
            .map_err(|_| Error::Internal("index writer poisoned".into()))
    }

    fn commit(&self, state: &mut WriterState, generation: i64) -> Result<()> {
        let payload = serde_json::to_string(&CommitPayload {
            layout: LAYOUT,
            generation,
        })
        .map_err(Error::internal)?;
        let mut prepared = state.writer.prepare_commit().map_err(Error::internal)?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(Error::internal)?;
        state.generation = generation;
        self.reader.reload().map_err(Error::internal)?;
        Ok(())
    }

    fn document(&self, practice: &IndexedPractice<'_>) -> TantivyDocument {
        let content = practice.content;
        let fields = &self.fields;
        let description = to_plain_text(&content.description);
        let excerpt_source = format!("{} {} {}", content.summary, description, content.results);
        let mut document = doc!(
            fields.id => practice.id,
            fields.title => content.title.as_str(),
            fields.summary => content.summary.as_str(),
            fields.language => content.language.as_str(),
            fields.excerpt_source => excerpt_source.as_str(),
            fields.published_at => practice.published_at,
        );
        if let Some(language) = fields.by_language.get(content.language.as_str()) {
            document.add_text(language.title, &content.title);
            document.add_text(language.body, &excerpt_source);
        }
        for (kind, value) in facet_values(content) {
            if let Some(field) = fields.facets.get(&kind) {
                document.add_facet(*field, tantivy::schema::Facet::from_path([value]));
            }
        }
        document
    }

    fn text_query(&self, text: &str) -> Box<dyn Query> {
        if text.trim().is_empty() {
            return Box::new(AllQuery);
        }
        let (query, _ignored_syntax_errors) = self.parser.parse_query_lenient(text);
        query
    }

    /// `text_query` narrowed by `filters`, leaving out those of `except`: AND across kinds, OR
    /// within a kind.
    fn filtered(
        &self,
        text_query: &dyn Query,
        filters: &[(FacetKind, String)],
        except: Option<FacetKind>,
    ) -> Box<dyn Query> {
        let mut clauses = vec![(Occur::Must, text_query.box_clone())];
        for kind in FacetKind::ALL {
            let Some(field) = self.fields.facets.get(&kind) else {
                continue;
            };
            if except == Some(kind) {
                continue;
            }
            let alternatives: Vec<(Occur, Box<dyn Query>)> = filters
                .iter()
                .filter(|(filter_kind, _)| *filter_kind == kind)
                .map(|(_, value)| {
                    let facet = tantivy::schema::Facet::from_path([value.as_str()]);
                    let term = Term::from_facet(*field, &facet);
                    let query: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    (Occur::Should, query)
                })
                .collect();
            if !alternatives.is_empty() {
                clauses.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
            }
        }
        if clauses.len() == 1 {
            return text_query.box_clone();
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        highlighter: &mut Highlighter<'_>,
    ) -> Result<SearchHit> {
        let document: TantivyDocument = searcher.doc(address).map_err(Error::internal)?;
        let text = |field: Field| {
            document
                .get_first(field)
                .and_then(|value| value.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let language = text(self.fields.language);
        let excerpt_source = text(self.fields.excerpt_source);
        Ok(SearchHit {
            id: text(self.fields.id),
            title: text(self.fields.title),
            summary: text(self.fields.summary),
            published_at: document
                .get_first(self.fields.published_at)
                .and_then(|value| value.as_i64())
                .unwrap_or_default(),
            highlight_html: highlighter.excerpt_html(&language, &excerpt_source)?,
            language,
        })
    }
}

/// Runs `query` once, collecting the page of addresses, the total and the counts of `kinds`.
fn collect<K: Send + Sync + 'static>(
    searcher: &Searcher,
    query: &dyn Query,
    page: impl tantivy::collector::Collector<Fruit = Vec<(K, DocAddress)>> + 'static,
    kinds: &[FacetKind],
) -> Result<(Vec<DocAddress>, usize, FacetsByKind)> {
    let mut collectors = MultiCollector::new();
    let page_handle = collectors.add_collector(page);
    let count_handle = collectors.add_collector(Count);
    let facet_handles = add_facet_collectors(&mut collectors, kinds);
    let mut fruits = searcher
        .search(query, &collectors)
        .map_err(Error::internal)?;
    let addresses = page_handle
        .extract(&mut fruits)
        .into_iter()
        .map(|(_, address)| address)
        .collect();
    let total = count_handle.extract(&mut fruits);
    Ok((addresses, total, extract_facets(facet_handles, &mut fruits)))
}

/// Runs `query` once, counting only the values of `kinds` among its matches.
fn count_facets(
    searcher: &Searcher,
    query: &dyn Query,
    kinds: &[FacetKind],
) -> Result<FacetsByKind> {
    let mut collectors = MultiCollector::new();
    let facet_handles = add_facet_collectors(&mut collectors, kinds);
    let mut fruits = searcher
        .search(query, &collectors)
        .map_err(Error::internal)?;
    Ok(extract_facets(facet_handles, &mut fruits))
}

type FacetHandle = tantivy::collector::FruitHandle<tantivy::collector::FacetCounts>;

fn add_facet_collectors(
    collectors: &mut MultiCollector<'_>,
    kinds: &[FacetKind],
) -> Vec<(FacetKind, FacetHandle)> {
    kinds
        .iter()
        .map(|&kind| {
            let mut collector = FacetCollector::for_field(kind.as_str());
            collector.add_facet("/");
            (kind, collectors.add_collector(collector))
        })
        .collect()
}

fn extract_facets(
    handles: Vec<(FacetKind, FacetHandle)>,
    fruits: &mut tantivy::collector::MultiFruit,
) -> FacetsByKind {
    handles
        .into_iter()
        .map(|(kind, handle)| {
            let counts = handle.extract(fruits);
            let values = counts
                .top_k("/", FACET_VALUES)
                .into_iter()
                .filter_map(|(facet, count)| {
                    let value = facet.to_path().last().map(|last| (*last).to_owned())?;
                    Some(FacetCount { value, count })
                })
                .collect();
            (kind, values)
        })
        .collect()
}

/// Snippet generators for the query, made for a language when a hit in it is first shown.
struct Highlighter<'a> {
    searcher: &'a Searcher,
    query: &'a dyn Query,
    fields: &'a Fields,
    by_language: HashMap<String, Option<SnippetGenerator>>,
}

impl<'a> Highlighter<'a> {
    fn new(searcher: &'a Searcher, query: &'a dyn Query, fields: &'a Fields) -> Highlighter<'a> {
        Highlighter {
            searcher,
            query,
            fields,
            by_language: HashMap::new(),
        }
    }

    fn excerpt_html(&mut self, language: &str, text: &str) -> Result<String> {
        if !self.by_language.contains_key(language) {
            let generator = match self.fields.by_language.get(language) {
                Some(fields) => {
                    let mut generator =
                        SnippetGenerator::create(self.searcher, self.query, fields.body)
                            .map_err(Error::internal)?;
                    generator.set_max_num_chars(SNIPPET_CHARS);
                    Some(generator)
                }
                None => None,
            };
            self.by_language.insert(language.to_owned(), generator);
        }
        let highlighted = self
            .by_language
            .get(language)
            .and_then(Option::as_ref)
            .map(|generator| generator.snippet(text))
            .filter(|snippet| !snippet.is_empty());
        Ok(match highlighted {
            Some(snippet) => snippet.to_html(),
            None => escape_html(&text.chars().take(SNIPPET_CHARS).collect::<String>()),
        })
    }
}

fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Every (kind, value) pair a practice is counted under.
pub fn facet_values(content: &PracticeContent) -> Vec<(FacetKind, String)> {
    let mut values = Vec::new();
    values.extend(
        content
            .objectives
            .iter()
            .map(|number| (FacetKind::Objective, number.to_string())),
    );
    let lists = [
        (FacetKind::Principle, &content.principles),
        (FacetKind::Region, &content.regions),
        (FacetKind::Country, &content.countries),
        (FacetKind::Stage, &content.stages),
    ];
    for (kind, list) in lists {
        values.extend(list.iter().map(|value| (kind, value.clone())));
    }
    let singles = [
        (FacetKind::PracticeType, &content.practice_type),
        (FacetKind::Evidence, &content.evidence_strength),
        (FacetKind::Language, &content.language),
    ];
    for (kind, value) in singles {
        if !value.is_empty() {
            values.push((kind, value.clone()));
        }
    }
    values.extend(
        content
            .active_years()
            .into_iter()
            .map(|year| (FacetKind::Year, year.to_string())),
    );
    values
}

fn query_parser(index: &Index, fields: &Fields) -> QueryParser {
    let mut default_fields = Vec::new();
    for language in fields.by_language.values() {
        default_fields.push(language.title);
        default_fields.push(language.body);
    }
    let mut parser = QueryParser::for_index(index, default_fields);
    parser.set_conjunction_by_default();
    for language in fields.by_language.values() {
        parser.set_field_boost(language.title, 2.0);
    }
    parser
}

fn read_payload(index: &Index) -> Option<CommitPayload> {
    let metas = index.load_metas().ok()?;
    serde_json::from_str(metas.payload.as_deref()?).ok()
}

fn analyser_name(language: &str) -> String {
    format!("practice_{language}")
}

fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED);
    let title = builder.add_text_field("title", STORED);
    let summary = builder.add_text_field("summary", STORED);
    let language = builder.add_text_field("practice_language", STORED);
    let excerpt_source = builder.add_text_field("excerpt_source", STORED);
    let published_at = builder.add_i64_field("published_at", FAST | STORED);
    let mut by_language = HashMap::new();
    for code in LANGUAGES {
        let options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(&analyser_name(code))
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = LanguageFields {
            title: builder.add_text_field(&format!("title_{code}"), options.clone()),
            body: builder.add_text_field(&format!("body_{code}"), options),
        };
        by_language.insert(code, fields);
    }
    let facets = FacetKind::ALL
        .into_iter()
        .map(|kind| {
            (
                kind,
                builder.add_facet_field(kind.as_str(), FacetOptions::default()),
            )
        })
        .collect();
    let fields = Fields {
        id,
        title,
        summary,
        language,
        excerpt_source,
        published_at,
        by_language,
        facets,
    };
    (builder.build(), fields)
}

fn register_analysers(index: &Index) {
    for code in LANGUAGES {
        index
            .tokenizers()
            .register(&analyser_name(code), analyser(code));
    }
}

/// The analyser of one practice language.
pub fn analyser(code: &str) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_TOKEN))
        .filter(LowerCaser)
        .dynamic();
    let Some(language) = stemming_language(code) else {
        return base.build();
    };
    let base = match StopWordFilter::new(language) {
        Some(stop_words) => base.filter_dynamic(stop_words),
        None => base,
    };
    match language {
        Language::Arabic => base
            .filter_dynamic(ArabicNormaliser)
            .filter_dynamic(Stemmer::new(language))
            .build(),
        Language::Russian | Language::Greek => base.filter_dynamic(Stemmer::new(language)).build(),
        _ => base
            .filter_dynamic(Stemmer::new(language))
            .filter_dynamic(AsciiFoldingFilter)
            .build(),
    }
}

fn stemming_language(code: &str) -> Option<Language> {
    Some(match code {
        "en" => Language::English,
        "fr" => Language::French,
        "es" => Language::Spanish,
        "ar" => Language::Arabic,
        "de" => Language::German,
        "pt" => Language::Portuguese,
        "ru" => Language::Russian,
        "tr" => Language::Turkish,
        "it" => Language::Italian,
        _ => return None,
    })
}

/// Folds Arabic spelling variants: strips harakat (U+064B–U+0652), the superscript alef
/// (U+0670) and tatweel (U+0640); writes أ إ آ as ا, ى as ي and ة as ه.
pub fn normalise_arabic(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}' => None,
            '\u{0623}' | '\u{0625}' | '\u{0622}' => Some('\u{0627}'),
            '\u{0649}' => Some('\u{064A}'),
            '\u{0629}' => Some('\u{0647}'),
            other => Some(other),
        })
        .collect()
}

/// A token filter applying [`normalise_arabic`] at index and query time.
#[derive(Clone)]
pub struct ArabicNormaliser;

impl TokenFilter for ArabicNormaliser {
    type Tokenizer<T: Tokenizer> = ArabicNormaliserFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ArabicNormaliserFilter<T> {
        ArabicNormaliserFilter { tokenizer }
    }
}

#[derive(Clone)]
pub struct ArabicNormaliserFilter<T> {
    tokenizer: T,
}

impl<T: Tokenizer> Tokenizer for ArabicNormaliserFilter<T> {
    type TokenStream<'a> = ArabicNormaliserStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ArabicNormaliserStream {
            tail: self.tokenizer.token_stream(text),
        }
    }
}

pub struct ArabicNormaliserStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for ArabicNormaliserStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if !token.text.is_ascii() {
            token.text = normalise_arabic(&token.text);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(language: &str, text: &str) -> Vec<String> {
        let mut analyser = analyser(language);
        let mut stream = analyser.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn arabic_spelling_variants_meet() {
        assert_eq!(normalise_arabic("الأُسْرَة"), "الاسره");
        assert_eq!(tokens("ar", "الأسرة"), tokens("ar", "الاسره"));
        assert_eq!(tokens("ar", "مُهاجـــر"), tokens("ar", "مهاجر"));
    }

    #[test]
    fn french_words_meet_their_inflections_and_unaccented_spellings() {
        assert_eq!(tokens("fr", "familiale"), tokens("fr", "familial"));
        assert_eq!(tokens("fr", "réunification"), tokens("fr", "reunification"));
        assert!(tokens("fr", "le regroupement").len() == 1, "stop words go");
    }

    fn practice(title: &str, objectives: &[u8], region: &str) -> PracticeContent {
        PracticeContent {
            title: title.into(),
            summary: "A welcome service.".into(),
            objectives: objectives.to_vec(),
            regions: vec![region.into()],
            stages: vec!["after".into()],
            language: "en".into(),
            ..PracticeContent::default()
        }
    }

    fn counts(results: &SearchResults, kind: FacetKind) -> Vec<(String, u64)> {
        let mut counts: Vec<_> = results
            .facet(kind)
            .iter()
            .map(|c| (c.value.clone(), c.count))
            .collect();
        counts.sort();
        counts
    }

    fn pairs(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
        expected
            .iter()
            .map(|(v, n)| ((*v).to_owned(), *n))
            .collect()
    }

    #[test]
    fn a_filtered_facet_keeps_its_sibling_values_counted_without_its_own_filter() -> Result<()> {
        let folder = tempfile::tempdir().map_err(Error::internal)?;
        let index = PracticeIndex::open_or_create(folder.path())?;
        let practices = [
            ("a", practice("Family desk", &[5], "europe")),
            ("b", practice("Family hotline", &[5], "africa")),
            ("c", practice("Family classes", &[7], "europe")),
            ("d", practice("Family mentors", &[5, 7], "asia")),
            ("e", practice("Skills passport", &[9], "europe")),
        ];
        let indexed = practices.iter().map(|(id, content)| IndexedPractice {
            id,
            content,
            published_at: 1,
        });
        index.replace_all(indexed, 1)?;
        let search = |filters: &[(FacetKind, &str)]| {
            index.search(&SearchRequest {
                text: "family".into(),
                filters: filters
                    .iter()
                    .map(|(kind, value)| (*kind, (*value).to_owned()))
                    .collect(),
                limit: 20,
                ..SearchRequest::default()
            })
        };

        let objective_five = search(&[(FacetKind::Objective, "5")])?;
        assert_eq!(objective_five.total, 3);
        // Objective 7 stays on offer: two "family" practices would match it.
        assert_eq!(
            counts(&objective_five, FacetKind::Objective),
            pairs(&[("5", 3), ("7", 2)])
        );
        // Other kinds are counted under the objective filter.
        assert_eq!(
            counts(&objective_five, FacetKind::Region),
            pairs(&[("africa", 1), ("asia", 1), ("europe", 1)])
        );

        let five_in_europe = search(&[(FacetKind::Objective, "5"), (FacetKind::Region, "europe")])?;
        assert_eq!(five_in_europe.total, 1);
        assert_eq!(five_in_europe.hits[0].id, "a");
        // Objectives under the region filter only; regions under the objective filter only.
        assert_eq!(
            counts(&five_in_europe, FacetKind::Objective),
            pairs(&[("5", 1), ("7", 1)])
        );
        assert_eq!(
            counts(&five_in_europe, FacetKind::Region),
            pairs(&[("africa", 1), ("asia", 1), ("europe", 1)])
        );
        // A kind not filtered on is counted under both filters.
        assert_eq!(
            counts(&five_in_europe, FacetKind::Stage),
            pairs(&[("after", 1)])
        );
        let kinds: Vec<_> = five_in_europe
            .facets
            .iter()
            .map(|(kind, _)| *kind)
            .collect();
        assert_eq!(kinds, FacetKind::ALL, "every kind, in the usual order");
        Ok(())
    }

    #[test]
    fn english_is_stemmed() {
        assert_eq!(tokens("en", "migrants"), tokens("en", "migrant"));
    }
}
